# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'finish_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize)
from PySide6.QtWidgets import (QFrame, QLabel, QPlainTextEdit,
    QScrollArea, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_FinishPage(object):
    def setupUi(self, FinishPage):
        if not FinishPage.objectName():
            FinishPage.setObjectName(u"FinishPage")
        self.pageLayout = QVBoxLayout(FinishPage)
        self.pageLayout.setSpacing(4)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(FinishPage)
        self.title.setObjectName(u"title")
        self.title.setProperty(u"role", u"stepTitle")
        self.title.setWordWrap(True)

        self.pageLayout.addWidget(self.title)

        self.page_scroll = QScrollArea(FinishPage)
        self.page_scroll.setObjectName(u"page_scroll")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.column = QVBoxLayout(self.body)
        self.column.setObjectName(u"column")
        self.column.setContentsMargins(0, 0, 6, 0)
        self.summary = QLabel(self.body)
        self.summary.setObjectName(u"summary")
        self.summary.setProperty(u"role", u"outcome")
        self.summary.setWordWrap(True)

        self.column.addWidget(self.summary)

        self.banner = QLabel(self.body)
        self.banner.setObjectName(u"banner")
        self.banner.setProperty(u"role", u"banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        self.column.addWidget(self.banner)

        self.debrief = QLabel(self.body)
        self.debrief.setObjectName(u"debrief")
        self.debrief.setProperty(u"role", u"debrief")
        self.debrief.setWordWrap(True)

        self.column.addWidget(self.debrief)

        self.notes = QPlainTextEdit(self.body)
        self.notes.setObjectName(u"notes")
        self.notes.setMaximumSize(QSize(16777215, 80))
        self.notes.setTabChangesFocus(True)

        self.column.addWidget(self.notes)

        self.reportSlot = QVBoxLayout()
        self.reportSlot.setObjectName(u"reportSlot")

        self.column.addLayout(self.reportSlot)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.bottomSpacer)

        self.page_scroll.setWidget(self.body)

        self.pageLayout.addWidget(self.page_scroll)


        self.retranslateUi(FinishPage)
    # setupUi

    def retranslateUi(self, FinishPage):
        self.title.setText(QCoreApplication.translate("FinishPage", u"Done: check the summary, then save", None))
        self.notes.setPlaceholderText(QCoreApplication.translate("FinishPage", u"Anything else the manager should know (optional)", None))
        pass
    # retranslateUi

