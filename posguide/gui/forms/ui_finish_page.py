# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'finish_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize)
from PySide6.QtWidgets import (QLabel, QPlainTextEdit, QVBoxLayout)

class Ui_FinishPage(object):
    def setupUi(self, FinishPage):
        if not FinishPage.objectName():
            FinishPage.setObjectName(u"FinishPage")
        self.pageLayout = QVBoxLayout(FinishPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.summary = QLabel(FinishPage)
        self.summary.setObjectName(u"summary")
        self.summary.setProperty(u"role", u"outcome")
        self.summary.setWordWrap(True)

        self.pageLayout.addWidget(self.summary)

        self.banner = QLabel(FinishPage)
        self.banner.setObjectName(u"banner")
        self.banner.setProperty(u"role", u"banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        self.pageLayout.addWidget(self.banner)

        self.debrief = QLabel(FinishPage)
        self.debrief.setObjectName(u"debrief")
        self.debrief.setProperty(u"role", u"debrief")
        self.debrief.setWordWrap(True)

        self.pageLayout.addWidget(self.debrief)

        self.reportSlot = QVBoxLayout()
        self.reportSlot.setObjectName(u"reportSlot")

        self.pageLayout.addLayout(self.reportSlot)

        self.notes = QPlainTextEdit(FinishPage)
        self.notes.setObjectName(u"notes")
        self.notes.setMaximumSize(QSize(16777215, 80))
        self.notes.setTabChangesFocus(True)

        self.pageLayout.addWidget(self.notes)

        self.pageLayout.setStretch(3, 1)

        self.retranslateUi(FinishPage)
    # setupUi

    def retranslateUi(self, FinishPage):
        FinishPage.setTitle(QCoreApplication.translate("FinishPage", u"Done", None))
        self.notes.setPlaceholderText(QCoreApplication.translate("FinishPage", u"Anything else the manager should know (optional)", None))
    # retranslateUi

