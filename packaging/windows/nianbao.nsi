; Windows installer of nianbao (政务公开年报填报): a per-user install without administrator
; rights under %LOCALAPPDATA%\Programs\nianbao, Chinese shortcuts, the .nianbao association
; under HKCU, an entry in 应用和功能 with its uninstaller. Installing over an older version
; replaces the program files only: drafts and the user folder %LOCALAPPDATA%\nianbao (settings,
; recent files, autosaves) are never touched, not even by the uninstaller.
;
; Built by packaging\windows\build.ps1 after PyInstaller:
;   makensis /DVERSION=0.1.0 /DBUNDLE=dist\nianbao /DOUTFILE=dist\nianbao-0.1.0-setup.exe packaging\windows\nianbao.nsi

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "缺少 /DVERSION=版本号"
!endif
!ifndef BUNDLE
  !error "缺少 /DBUNDLE=PyInstaller 生成的 nianbao 文件夹"
!endif
!ifndef OUTFILE
  !define OUTFILE "nianbao-${VERSION}-setup.exe"
!endif

!define APP_NAME "政务公开年报填报"
!define APP_KEY "nianbao"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define PROGID "nianbao.draft"
!define ICONS "${BUNDLE}\_internal\resources\icons"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_KEY}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "nianbao"

!define MUI_ICON "${ICONS}\nianbao.ico"
!define MUI_UNICON "${ICONS}\nianbao.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即运行${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ; Qt 6 runs on Windows 10 1809 (build 17763) and later, 64-bit only: say so plainly
  ; instead of installing a program that would fail to start.
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_ICONSTOP|MB_OK "本程序需要 Windows 10（1809 版或更新）或 Windows 11。$\r$\n\
      这台电脑的 Windows 版本过旧（如 Windows 7、Windows 8），无法安装。请联系信息技术部门。"
    Abort
  ${EndIf}
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "本程序需要 64 位的 Windows，这台电脑是 32 位系统，无法安装。"
    Abort
  ${EndIf}
FunctionEnd

Section "程序" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade: the old program files go, so no library of the previous version lingers.
  ; Only the program's own folder is cleared; user data lives elsewhere.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\nianbao-cli.exe"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0 \
    SW_SHOWNORMAL "" "填报、检查、打印政府信息公开工作年度报告"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0 \
    SW_SHOWNORMAL "" "填报、检查、打印政府信息公开工作年度报告"

  ; Drafts open with a double-click and show their own icon (per user: no rights needed).
  WriteRegStr HKCU "Software\Classes\.nianbao" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.nianbao" "Content Type" "application/x-nianbao"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "政务公开年报草稿"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\_internal\resources\icons\nianbao-draft.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "" "用${APP_NAME}打开"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; 应用和功能 (Apps & features) lists the program with its uninstaller.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "nianbao"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\nianbao.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\nianbao-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ReadRegStr $0 HKCU "Software\Classes\.nianbao" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\.nianbao"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; Drafts, settings and autosaves stay: they are the user's work, not the program's.
SectionEnd
