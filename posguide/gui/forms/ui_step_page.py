# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize, Qt)
from PySide6.QtWidgets import (QFrame, QLabel, QPlainTextEdit,
    QScrollArea, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_StepPage(object):
    def setupUi(self, StepPage):
        if not StepPage.objectName():
            StepPage.setObjectName(u"StepPage")
        self.pageLayout = QVBoxLayout(StepPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(0, 0, 0, 0)
        self.page_scroll = QScrollArea(StepPage)
        self.page_scroll.setObjectName(u"page_scroll")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.column = QVBoxLayout(self.body)
        self.column.setObjectName(u"column")
        self.banner = QLabel(self.body)
        self.banner.setObjectName(u"banner")
        self.banner.setProperty(u"role", u"banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        self.column.addWidget(self.banner)

        self.instructions = QLabel(self.body)
        self.instructions.setObjectName(u"instructions")
        self.instructions.setTextFormat(Qt.TextFormat.RichText)
        self.instructions.setWordWrap(True)

        self.column.addWidget(self.instructions)

        self.probesSlot = QVBoxLayout()
        self.probesSlot.setObjectName(u"probesSlot")

        self.column.addLayout(self.probesSlot)

        self.reportSlot = QVBoxLayout()
        self.reportSlot.setObjectName(u"reportSlot")

        self.column.addLayout(self.reportSlot)

        self.picturesSlot = QVBoxLayout()
        self.picturesSlot.setObjectName(u"picturesSlot")

        self.column.addLayout(self.picturesSlot)

        self.questionsSlot = QVBoxLayout()
        self.questionsSlot.setObjectName(u"questionsSlot")

        self.column.addLayout(self.questionsSlot)

        self.notes = QPlainTextEdit(self.body)
        self.notes.setObjectName(u"notes")
        self.notes.setMaximumSize(QSize(16777215, 90))
        self.notes.setTabChangesFocus(True)

        self.column.addWidget(self.notes)

        self.photosSlot = QVBoxLayout()
        self.photosSlot.setObjectName(u"photosSlot")

        self.column.addLayout(self.photosSlot)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.bottomSpacer)

        self.page_scroll.setWidget(self.body)

        self.pageLayout.addWidget(self.page_scroll)


        self.retranslateUi(StepPage)
    # setupUi

    def retranslateUi(self, StepPage):
        self.notes.setPlaceholderText(QCoreApplication.translate("StepPage", u"Notes (optional): what you saw, what you tried", None))
        pass
    # retranslateUi

