; posguide Windows installer (NSIS 3). Wraps a PyInstaller one-folder build; see
; docs/windows-installer.md. Built by build_installer.py, or by hand:
;   makensis -DVERSION=1.2.3 -DPAYLOAD=dist/posguide -DOUTFILE=posguide-1.2.3-setup.exe posguide.nsi
; Exit codes: 0 done, 1 cancelled by the user, 2 aborted (e.g. posguide still running),
; 740 not an administrator, 1150 Windows older than 10 1809 or not 64-bit.
; Silent use: setup.exe /S [/SCARDAUTO=1] [/SCHEDULE=1] [/D=C:\path\posguide]   (/D last, unquoted)
;             uninstall.exe /S   (returns at once; the uninstaller finishes from %TEMP%)

Unicode true
Target amd64-unicode  ; a 64-bit stub: native registry and Program Files views

!ifndef VERSION
  !error "pass -DVERSION=X.Y.Z"
!endif
!ifndef PAYLOAD
  !error "pass -DPAYLOAD=<PyInstaller one-folder directory with posguide.exe>"
!endif
!ifndef OUTFILE
  !define OUTFILE "posguide-${VERSION}-setup.exe"
!endif

!define APP "posguide"
!define APP_TITLE "posguide 收银故障助手"  ; shortcut and Apps & features name
!define PUBLISHER "posguide developers"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
; Shared by every cashier account; the app finds it itself (platformdirs site_data_dir,
; CSIDL_COMMON_APPDATA), so no environment variable is set. Valid under SetShellVarContext all.
!define DATA_DIR "$APPDATA\${APP}"
!define USERS_SID "*S-1-5-32-545"  ; BUILTIN\Users by SID: the group name is localised (用户)
!define ERR_NOT_ADMIN 740          ; ERROR_ELEVATION_REQUIRED
!define ERR_OLD_WINDOWS 1150       ; ERROR_OLD_WIN_VERSION
!define MIN_BUILD 17763            ; Windows 10 1809: the oldest Qt 6.11 supports

Name "${APP_TITLE}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ManifestDPIAware true
BrandingText "${APP} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WinVer.nsh
!include x64.nsh

Var Upgrading  ; "1" when an earlier version's InstallLocation was found

!define MUI_ABORTWARNING
!if /FileExists "${__FILEDIR__}/posguide.ico"  ; made by installer/build.py on Windows
  !define MUI_ICON "${__FILEDIR__}/posguide.ico"
  !define MUI_UNICON "${__FILEDIR__}/posguide.ico"
!endif
!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipPageOnUpgrade  ; an upgrade keeps its folder
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
; The finish page's checkbox (ticked): the daily inspection and backup at 07:30 for whoever of
; the PC's users is logged on (posguide schedule install --all-users; docs/inspection.md).
!define MUI_FINISHPAGE_SHOWREADME
!define MUI_FINISHPAGE_SHOWREADME_TEXT "$(FINISH_SCHEDULE)"
!define MUI_FINISHPAGE_SHOWREADME_FUNCTION ScheduleDailyJob
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(UN_FINISH_TEXT)"
!insertmacro MUI_UNPAGE_FINISH

; The first language is the fallback when Windows' UI language is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString MSG_OLD_WINDOWS ${LANG_SIMPCHINESE} "${APP} 需要 64 位 Windows 10 版本 1809（内部版本 ${MIN_BUILD}）或更新的 Windows。$\r$\n$\r$\n这台电脑的 Windows 版本太旧，无法安装。请先升级 Windows。"
LangString MSG_OLD_WINDOWS ${LANG_ENGLISH} "${APP} needs 64-bit Windows 10 version 1809 (build ${MIN_BUILD}) or newer.$\r$\n$\r$\nThis PC's Windows is too old. Please update Windows first."
LangString MSG_NOT_ADMIN ${LANG_SIMPCHINESE} "安装 ${APP} 需要管理员权限。请右键单击安装程序，选择“以管理员身份运行”。"
LangString MSG_NOT_ADMIN ${LANG_ENGLISH} "Installing ${APP} needs administrator rights. Right-click the installer and choose $\"Run as administrator$\"."
LangString MSG_RUNNING ${LANG_SIMPCHINESE} "${APP} 正在运行。请先关闭 ${APP}，然后单击“重试”。"
LangString MSG_RUNNING ${LANG_ENGLISH} "${APP} is running. Please close it, then click Retry."
LangString MSG_SCARD ${LANG_SIMPCHINESE} "读卡器测试需要 Windows 的“智能卡”服务（SCardSvr），但它现在不会自动启动。$\r$\n$\r$\n是否把它设为自动启动？（推荐）"
LangString MSG_SCARD ${LANG_ENGLISH} "The card-reader tests need the Windows Smart Card service (SCardSvr), which is not set to start automatically.$\r$\n$\r$\nSet it to start automatically? (recommended)"
LangString UN_FINISH_TEXT ${LANG_SIMPCHINESE} "${APP} 已从这台电脑上删除。$\r$\n$\r$\n故障记录、照片和设置仍保留在 ${DATA_DIR} 中。如果不再需要，可以手动删除这个文件夹。"
LangString UN_FINISH_TEXT ${LANG_ENGLISH} "${APP} has been removed from this PC.$\r$\n$\r$\nIncident history, photos and settings are kept in ${DATA_DIR}. Delete that folder by hand if they are no longer needed."
LangString FINISH_SCHEDULE ${LANG_SIMPCHINESE} "每天早上 7:30 自动巡检POS机并备份故障记录（推荐）"
LangString FINISH_SCHEDULE ${LANG_ENGLISH} "Inspect the terminals and back up the history every morning at 7:30 (recommended)"
LangString UN_DATA_KEPT ${LANG_SIMPCHINESE} "保留了数据文件夹 ${DATA_DIR}"
LangString UN_DATA_KEPT ${LANG_ENGLISH} "Kept the data folder ${DATA_DIR}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
!macro VERSION_KEYS LANG
  VIAddVersionKey /LANG=${LANG} "ProductName" "${APP}"
  VIAddVersionKey /LANG=${LANG} "CompanyName" "${PUBLISHER}"
  VIAddVersionKey /LANG=${LANG} "FileDescription" "${APP_TITLE} ${VERSION} 安装程序 (setup)"
  VIAddVersionKey /LANG=${LANG} "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "ProductVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "LegalCopyright" "© ${PUBLISHER}"
!macroend
!insertmacro VERSION_KEYS ${LANG_SIMPCHINESE}
!insertmacro VERSION_KEYS ${LANG_ENGLISH}

!macro REFUSE MESSAGE CODE
  MessageBox MB_OK|MB_ICONSTOP "${MESSAGE}" /SD IDOK
  SetErrorLevel ${CODE}
  Quit
!macroend

!macro REQUIRE_ADMIN
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    !insertmacro REFUSE "$(MSG_NOT_ADMIN)" ${ERR_NOT_ADMIN}
  ${EndIf}
!macroend

; A running program cannot be opened for writing: ask before anything is touched, so a running
; posguide never leaves a half-replaced _internal behind. posguidec.exe is the console twin.
!macro WAIT_UNTIL_CLOSED EXE
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
      ${Break}
    ${EndIf}
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MSG_RUNNING)" /SD IDCANCEL IDCANCEL`
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${Loop}
!macroend
!macro WAIT_UNTIL_ALL_CLOSED
  !insertmacro WAIT_UNTIL_CLOSED "${APP}.exe"
  !insertmacro WAIT_UNTIL_CLOSED "${APP}c.exe"
!macroend

Function .onInit
  ${IfNot} ${RunningX64}  ; always true in this 64-bit stub; kept should the Target change
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} ${MIN_BUILD}
    !insertmacro REFUSE "$(MSG_OLD_WINDOWS)" ${ERR_OLD_WINDOWS}
  ${EndIf}
  !insertmacro REQUIRE_ADMIN
  SetShellVarContext all
  SetRegView 64
  ; An upgrade goes where the installed version is, whatever /D= says: a second copy would
  ; share the uninstall key and be orphaned.
  ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
    StrCpy $Upgrading "1"
  ${EndIf}
FunctionEnd

Function SkipPageOnUpgrade
  ${If} $Upgrading == "1"
    Abort
  ${EndIf}
FunctionEnd

; The uninstaller removes $INSTDIR recursively, so it must be a folder of our own:
; /D=C:\Tools becomes C:\Tools\posguide.
Function OwnFolder
  ${GetFileName} $INSTDIR $0
  ${If} $0 != "${APP}"
    StrCpy $INSTDIR "$INSTDIR\${APP}"
  ${EndIf}
FunctionEnd

Function DataFolder
  CreateDirectory "${DATA_DIR}"
  ; Cashiers run posguide as ordinary users; new files inherit Modify (OI)(CI).
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "${DATA_DIR}" /grant ${USERS_SID}:(OI)(CI)M'
  Pop $0
  ${If} $0 != 0
    DetailPrint "icacls failed ($0): Users may not be able to write to ${DATA_DIR}"
  ${EndIf}
FunctionEnd

Function SmartCardService
  ClearErrors
  ReadRegDWORD $0 HKLM "SYSTEM\CurrentControlSet\Services\SCardSvr" "Start"
  ${If} ${Errors}
    DetailPrint "SCardSvr: service not found, left alone"
    Return
  ${ElseIf} $0 == 2
    DetailPrint "SCardSvr: starts automatically"
    Return
  ${EndIf}
  ${GetParameters} $1
  ${GetOptions} $1 "/SCARDAUTO=" $2
  ; Silent installs change the service only when asked to (/SCARDAUTO=1).
  ${If} $2 != "1"
  ${AndIf} ${Cmd} `MessageBox MB_YESNO|MB_ICONQUESTION "$(MSG_SCARD)" /SD IDNO IDNO`
    DetailPrint "SCardSvr: left at Start=$0"
    Return
  ${EndIf}
  nsExec::ExecToLog '"$SYSDIR\sc.exe" config SCardSvr start= auto'
  Pop $1
  ${If} $1 == 0
    nsExec::ExecToLog '"$SYSDIR\sc.exe" start SCardSvr'  ; may already run; no reader: stops
    Pop $1
  ${Else}
    ; The service manager refused (or does not know the service): the registry value is what
    ; it reads at the next boot.
    WriteRegDWORD HKLM "SYSTEM\CurrentControlSet\Services\SCardSvr" "Start" 2
    DetailPrint "SCardSvr: sc config failed ($1), set Start=2; takes effect after a restart"
  ${EndIf}
FunctionEnd

; The daily job, from the finish page's checkbox, or in a silent install with /SCHEDULE=1.
Function ScheduleDailyJob
  nsExec::ExecToLog '"$INSTDIR\${APP}c.exe" schedule install --all-users'
  Pop $0
  DetailPrint "daily inspection: posguide schedule install exited $0"
FunctionEnd

Section "posguide" SecMain
  SectionIn RO
  Call OwnFolder
  SetOutPath "$INSTDIR"
  !insertmacro WAIT_UNTIL_ALL_CLOSED
  RMDir /r "$INSTDIR\_internal"  ; the old version's libraries must not linger
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_TITLE}.lnk" "$INSTDIR\${APP}.exe"
  CreateShortcut "$DESKTOP\${APP_TITLE}.lnk" "$INSTDIR\${APP}.exe"

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP_TITLE}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0

  Call DataFolder
  Call SmartCardService
  ${If} ${Silent}
    ${GetParameters} $1
    ${GetOptions} $1 "/SCHEDULE=" $2
    ${If} $2 == "1"
      Call ScheduleDailyJob
    ${EndIf}
  ${EndIf}
SectionEnd

Function un.onInit
  !insertmacro REQUIRE_ADMIN
  SetShellVarContext all
  SetRegView 64
FunctionEnd

Section "Uninstall"
  !insertmacro WAIT_UNTIL_ALL_CLOSED
  ; The daily job goes with the program it starts (none registered: schtasks says so, no harm).
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Delete /TN "\posguide\daily" /F'
  Pop $0
  Delete "$SMPROGRAMS\${APP_TITLE}.lnk"
  Delete "$DESKTOP\${APP_TITLE}.lnk"
  SetOutPath "$TEMP"  ; not inside the folder being removed
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"
  ; ${DATA_DIR} is never removed: it holds the shop's incident history.
  DetailPrint "$(UN_DATA_KEPT)"
SectionEnd
