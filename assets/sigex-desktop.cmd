@echo off
rem sigex-desktop.cmd: the CLI of the installed app from cmd or PowerShell. Waits for it and
rem returns its exit code (a GUI executable started directly does not make cmd wait).
start "" /b /wait "%~dp0SIGEX Desktop.exe" %*
exit /b %ERRORLEVEL%
