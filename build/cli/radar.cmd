@echo off
rem `radar` in the installed app (resources\bin\radar.cmd): runs the CLI through the app binary (see radar).
"%~dp0..\..\leverage-radar.exe" --radar-cli %*
exit /b %ERRORLEVEL%
