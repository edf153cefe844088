; Inno Setup script: a per-user or per-machine installer for the one-folder Windows bundle.
; Built by .github/workflows/release.yml after packaging\build_bundle.py; not run on Linux.
;
;   iscc /DAppId=<APP_ID> /DAppName=<APP_NAME> /DAppVersion=<__version__> packaging\windows\goaldesk.iss
;
; The identity comes from goaldesk/__init__.py through /D on the command line (it lives only there);
; the defaults below only make the script readable on its own. Paths are relative to this file.
#ifndef AppId
  #define AppId "io.github.goaldesk.GoalDesk"
#endif
#ifndef AppName
  #define AppName "GoalDesk"
#endif
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (ArchitecturesAllowed=x64compatible)
#endif
#define Bundle "..\..\dist\GoalDesk"
#define ExeName "goaldesk.exe"

[Setup]
; AppId keys the uninstall entry: never change it between releases.
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The GoalDesk team
AppPublisherURL=https://goaldesk.github.io
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install by default (no administrator needed); the dialog offers all users too.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\goaldesk\goaldesk.ico
UninstallDisplayIcon={app}\{#ExeName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; Tasks: desktopicon; AppUserModelID: "{#AppId}"

[Run]
Filename: "{app}\{#ExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes exactly what [Files] installed; the goals database lives in the user's
; AppData (platformdirs) and is left alone.
