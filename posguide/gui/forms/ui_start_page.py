# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'start_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize, Qt)
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout)

class Ui_StartPage(object):
    def setupUi(self, StartPage):
        if not StartPage.objectName():
            StartPage.setObjectName(u"StartPage")
        self.pageLayout = QVBoxLayout(StartPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.languageRow = QHBoxLayout()
        self.languageRow.setObjectName(u"languageRow")
        self.manager_button = QPushButton(StartPage)
        self.manager_button.setObjectName(u"manager_button")
        self.manager_button.setMinimumSize(QSize(0, 36))
        self.manager_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.manager_button.setFlat(True)

        self.languageRow.addWidget(self.manager_button)

        self.languageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.languageRow.addItem(self.languageSpacer)

        self.chineseButton = QPushButton(StartPage)
        self.chineseButton.setObjectName(u"chineseButton")
        self.chineseButton.setMinimumSize(QSize(0, 36))
        self.chineseButton.setText(u"\u4e2d\u6587")
        self.chineseButton.setFlat(True)
        self.chineseButton.setCheckable(True)
        self.chineseButton.setProperty(u"language", u"zh_CN")

        self.languageRow.addWidget(self.chineseButton)

        self.englishButton = QPushButton(StartPage)
        self.englishButton.setObjectName(u"englishButton")
        self.englishButton.setMinimumSize(QSize(0, 36))
        self.englishButton.setText(u"English")
        self.englishButton.setFlat(True)
        self.englishButton.setCheckable(True)
        self.englishButton.setProperty(u"language", u"en")

        self.languageRow.addWidget(self.englishButton)


        self.pageLayout.addLayout(self.languageRow)

        self.warning = QLabel(StartPage)
        self.warning.setObjectName(u"warning")
        self.warning.setProperty(u"role", u"banner")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)

        self.pageLayout.addWidget(self.warning)

        self.heading = QLabel(StartPage)
        self.heading.setObjectName(u"heading")
        self.heading.setProperty(u"role", u"heading")
        self.heading.setWordWrap(True)

        self.pageLayout.addWidget(self.heading)

        self.shop = QLabel(StartPage)
        self.shop.setObjectName(u"shop")
        self.shop.setText(u"")
        self.shop.setProperty(u"role", u"shopName")

        self.pageLayout.addWidget(self.shop)

        self.intro = QLabel(StartPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.pageLayout.addWidget(self.intro)

        self.startRow = QHBoxLayout()
        self.startRow.setObjectName(u"startRow")
        self.start_button = QPushButton(StartPage)
        self.start_button.setObjectName(u"start_button")
        self.start_button.setMinimumSize(QSize(180, 56))
        self.start_button.setProperty(u"role", u"primary")

        self.startRow.addWidget(self.start_button)

        self.startSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.startRow.addItem(self.startSpacer)


        self.pageLayout.addLayout(self.startRow)

        self.preparing = QLabel(StartPage)
        self.preparing.setObjectName(u"preparing")
        self.preparing.setVisible(False)

        self.pageLayout.addWidget(self.preparing)

        self.saved = QLabel(StartPage)
        self.saved.setObjectName(u"saved")
        self.saved.setProperty(u"role", u"saved")
        self.saved.setWordWrap(True)
        self.saved.setVisible(False)

        self.pageLayout.addWidget(self.saved)

        self.warning1 = QLabel(StartPage)
        self.warning1.setObjectName(u"warning1")
        self.warning1.setProperty(u"role", u"banner")
        self.warning1.setWordWrap(True)
        self.warning1.setVisible(False)

        self.pageLayout.addWidget(self.warning1)

        self.unfinished = QGroupBox(StartPage)
        self.unfinished.setObjectName(u"unfinished")
        self.unfinished.setVisible(False)
        self.unfinishedLayout = QVBoxLayout(self.unfinished)
        self.unfinishedLayout.setObjectName(u"unfinishedLayout")
        self.unfinished_text = QLabel(self.unfinished)
        self.unfinished_text.setObjectName(u"unfinished_text")
        self.unfinished_text.setWordWrap(True)

        self.unfinishedLayout.addWidget(self.unfinished_text)

        self.unfinishedButtons = QHBoxLayout()
        self.unfinishedButtons.setObjectName(u"unfinishedButtons")
        self.resume_button = QPushButton(self.unfinished)
        self.resume_button.setObjectName(u"resume_button")
        self.resume_button.setMinimumSize(QSize(0, 44))

        self.unfinishedButtons.addWidget(self.resume_button)

        self.abandon_button = QPushButton(self.unfinished)
        self.abandon_button.setObjectName(u"abandon_button")
        self.abandon_button.setMinimumSize(QSize(0, 44))

        self.unfinishedButtons.addWidget(self.abandon_button)


        self.unfinishedLayout.addLayout(self.unfinishedButtons)


        self.pageLayout.addWidget(self.unfinished)

        self.training_box = QGroupBox(StartPage)
        self.training_box.setObjectName(u"training_box")
        self.training_box.setVisible(False)
        self.scenarioGrid = QGridLayout(self.training_box)
        self.scenarioGrid.setObjectName(u"scenarioGrid")
        self.scenarioGrid.setHorizontalSpacing(12)
        self.scenarioGrid.setVerticalSpacing(2)

        self.pageLayout.addWidget(self.training_box)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.bottomSpacer)


        self.retranslateUi(StartPage)
    # setupUi

    def retranslateUi(self, StartPage):
#if QT_CONFIG(tooltip)
        self.manager_button.setToolTip(QCoreApplication.translate("StartPage", u"History, reports and statistics for the shop manager (PIN)", None))
#endif // QT_CONFIG(tooltip)
        self.manager_button.setText(QCoreApplication.translate("StartPage", u"&Manager", None))
        self.heading.setText(QCoreApplication.translate("StartPage", u"Card terminal problem? Let's fix it step by step", None))
        self.intro.setText(QCoreApplication.translate("StartPage", u"posguide guides you through the checks for a terminal that shows \u201c\u5728\u7ef4\u62a4\u4e2d\u201d (under maintenance) or an error: it looks for a maintenance notice, tests the network, the terminal and the card reader for you, and prepares what to tell the provider. Press Start.", None))
        self.start_button.setText(QCoreApplication.translate("StartPage", u"&Start", None))
        self.preparing.setText(QCoreApplication.translate("StartPage", u"Getting the checks ready\u2026", None))
        self.unfinished.setTitle(QCoreApplication.translate("StartPage", u"Unfinished troubleshooting", None))
        self.resume_button.setText(QCoreApplication.translate("StartPage", u"&Resume it", None))
        self.abandon_button.setText(QCoreApplication.translate("StartPage", u"Close it as &abandoned", None))
        self.training_box.setTitle(QCoreApplication.translate("StartPage", u"Training: choose a situation to practise", None))
        pass
    # retranslateUi

