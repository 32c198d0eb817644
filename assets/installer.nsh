; SIGEX Desktop: Explorer integration for the current user only (no admin rights needed).
; Included by electron-builder (electron-builder.yml: nsis.include). Every entry written in
; customInstall is removed in customUnInstall; tests/unit/installer-script.test.ts checks the pairs.
;
;   "Send to > SIGEX Desktop"           %APPDATA%\Microsoft\Windows\SendTo\SIGEX Desktop.lnk
;   "Sign with SIGEX Desktop" (verb)    HKCU\Software\Classes\*\shell\SigexDesktop.Sign
;
; Both start the app with the file paths as arguments; a running app receives them through
; its second-instance event and adds them to the window's list.

!define SIGEX_SENDTO_LINK "$SENDTO\SIGEX Desktop.lnk"
!define SIGEX_VERB_KEY "Software\Classes\*\shell\SigexDesktop.Sign"

; The verb's text in the Windows display language: ru, kk, else en.
!macro sigexVerbText OUT
  Push $0
  System::Call 'kernel32::GetUserDefaultUILanguage() h .r0'
  IntOp $0 $0 & 0x3FF
  ${If} $0 == 0x19
    StrCpy ${OUT} "Подписать в SIGEX Desktop"
  ${ElseIf} $0 == 0x3F
    StrCpy ${OUT} "SIGEX Desktop арқылы қол қою"
  ${Else}
    StrCpy ${OUT} "Sign with SIGEX Desktop"
  ${EndIf}
  Pop $0
!macroend

!macro customInstall
  Push $1
  CreateShortCut "${SIGEX_SENDTO_LINK}" "$INSTDIR\${APP_EXECUTABLE_FILENAME}" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME}" 0
  !insertmacro sigexVerbText $1
  WriteRegStr HKCU "${SIGEX_VERB_KEY}" "MUIVerb" "$1"
  WriteRegStr HKCU "${SIGEX_VERB_KEY}" "Icon" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr HKCU "${SIGEX_VERB_KEY}\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  Pop $1
  ; Explorer caches verbs: tell it the associations changed.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  Delete "${SIGEX_SENDTO_LINK}"
  DeleteRegKey HKCU "${SIGEX_VERB_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
