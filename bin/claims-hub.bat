@echo off
rem claims-hub command line: bin\claims-hub run | convert | redeliver | user | simulate-payer | --help
rem Relative paths (config\, data\, secrets\) resolve against the folder you start it in: start it in the
rem unpacked release folder. JAVA_HOME picks the Java 17+ to use; JAVA_OPTS adds JVM options.
setlocal
set "CLAIMSHUB_HOME=%~dp0.."
if exist "%CLAIMSHUB_HOME%\lib\claims-hub.jar" (
  set "CLAIMSHUB_CP=%CLAIMSHUB_HOME%\lib\*"
) else if exist "%CLAIMSHUB_HOME%\target\claims-hub.jar" (
  set "CLAIMSHUB_CP=%CLAIMSHUB_HOME%\target\claims-hub.jar;%CLAIMSHUB_HOME%\target\lib\*"
) else (
  echo claims-hub: no lib\claims-hub.jar ^(release^) or target\claims-hub.jar ^(clone: run mvn -q -B -DskipTests package first^) 1>&2
  exit /b 2
)
if defined JAVA_HOME (set "CLAIMSHUB_JAVA=%JAVA_HOME%\bin\java") else (set "CLAIMSHUB_JAVA=java")
"%CLAIMSHUB_JAVA%" %JAVA_OPTS% -cp "%CLAIMSHUB_CP%" io.claimshub.ClaimsHub %*
exit /b %ERRORLEVEL%
