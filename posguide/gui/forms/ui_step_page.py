# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize, Qt)
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel,
    QPlainTextEdit, QScrollArea, QSizePolicy, QSpacerItem,
    QToolButton, QVBoxLayout, QWidget)

class Ui_StepPage(object):
    def setupUi(self, StepPage):
        if not StepPage.objectName():
            StepPage.setObjectName(u"StepPage")
        self.pageLayout = QVBoxLayout(StepPage)
        self.pageLayout.setSpacing(4)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(StepPage)
        self.title.setObjectName(u"title")
        self.title.setProperty(u"role", u"stepTitle")
        self.title.setWordWrap(True)

        self.pageLayout.addWidget(self.title)

        self.page_scroll = QScrollArea(StepPage)
        self.page_scroll.setObjectName(u"page_scroll")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.column = QVBoxLayout(self.body)
        self.column.setObjectName(u"column")
        self.column.setContentsMargins(0, 0, 6, 0)
        self.banner = QLabel(self.body)
        self.banner.setObjectName(u"banner")
        self.banner.setProperty(u"role", u"banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        self.column.addWidget(self.banner)

        self.columns = QHBoxLayout()
        self.columns.setSpacing(16)
        self.columns.setObjectName(u"columns")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.instructions = QLabel(self.body)
        self.instructions.setObjectName(u"instructions")
        self.instructions.setTextFormat(Qt.TextFormat.RichText)
        self.instructions.setWordWrap(True)
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)

        self.leftColumn.addWidget(self.instructions)

        self.reportSlot = QVBoxLayout()
        self.reportSlot.setObjectName(u"reportSlot")

        self.leftColumn.addLayout(self.reportSlot)

        self.picturesSlot = QVBoxLayout()
        self.picturesSlot.setObjectName(u"picturesSlot")

        self.leftColumn.addLayout(self.picturesSlot)

        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftColumn.addItem(self.leftSpacer)


        self.columns.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.verdictSlot = QVBoxLayout()
        self.verdictSlot.setObjectName(u"verdictSlot")

        self.rightColumn.addLayout(self.verdictSlot)

        self.questionsSlot = QVBoxLayout()
        self.questionsSlot.setObjectName(u"questionsSlot")

        self.rightColumn.addLayout(self.questionsSlot)

        self.narrowPicturesSlot = QVBoxLayout()
        self.narrowPicturesSlot.setObjectName(u"narrowPicturesSlot")

        self.rightColumn.addLayout(self.narrowPicturesSlot)

        self.probesSlot = QVBoxLayout()
        self.probesSlot.setObjectName(u"probesSlot")

        self.rightColumn.addLayout(self.probesSlot)

        self.extrasToggle = QToolButton(self.body)
        self.extrasToggle.setObjectName(u"extrasToggle")
        self.extrasToggle.setCheckable(True)
        self.extrasToggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.extrasToggle.setAutoRaise(True)
        self.extrasToggle.setArrowType(Qt.ArrowType.RightArrow)

        self.rightColumn.addWidget(self.extrasToggle)

        self.extras = QWidget(self.body)
        self.extras.setObjectName(u"extras")
        self.extras.setVisible(False)
        self.extrasLayout = QVBoxLayout(self.extras)
        self.extrasLayout.setObjectName(u"extrasLayout")
        self.extrasLayout.setContentsMargins(0, 0, 0, 0)
        self.notes = QPlainTextEdit(self.extras)
        self.notes.setObjectName(u"notes")
        self.notes.setMaximumSize(QSize(16777215, 90))
        self.notes.setTabChangesFocus(True)

        self.extrasLayout.addWidget(self.notes)

        self.photosSlot = QVBoxLayout()
        self.photosSlot.setObjectName(u"photosSlot")

        self.extrasLayout.addLayout(self.photosSlot)


        self.rightColumn.addWidget(self.extras)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rightColumn.addItem(self.rightSpacer)


        self.columns.addLayout(self.rightColumn)

        self.columns.setStretch(0, 1)
        self.columns.setStretch(1, 1)

        self.column.addLayout(self.columns)

        self.page_scroll.setWidget(self.body)

        self.pageLayout.addWidget(self.page_scroll)


        self.retranslateUi(StepPage)
    # setupUi

    def retranslateUi(self, StepPage):
        self.extrasToggle.setText(QCoreApplication.translate("StepPage", u"N&otes and photos (optional)", None))
        self.notes.setPlaceholderText(QCoreApplication.translate("StepPage", u"Notes (optional): what you saw, what you tried", None))
        pass
    # retranslateUi

