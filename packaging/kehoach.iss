; Inno Setup 6 script: the per-user installer of Kế hoạch CCHC.
;
; Wraps the one-folder bundle dist\kehoach (python packaging\build.py) into
; dist\KeHoachCCHC-<version>-setup.exe:
;     python packaging\build.py --installer          (runs ISCC with the values below)
;     ISCC packaging\kehoach.iss                      (by hand, after build.py)
;
; - No administrator rights: installs into %LOCALAPPDATA%\Programs\KeHoachCCHC, shortcuts in the
;   user's own Start menu and desktop, uninstall entry under HKCU.
; - The officer's data (%LOCALAPPDATA%\KeHoachCCHC: kehoach.db, backups\, kehoach.log) lives outside
;   the program folder, so neither an upgrade nor the uninstaller touches it. Nothing in this
;   script deletes it; keep it that way.
; - Installer language: Vietnamese. Vietnamese.isl is an unofficial Inno Setup translation, not
;   installed with Inno Setup. Get it from https://jrsoftware.org/files/istrans/ or
;   https://github.com/jrsoftware/issrc/blob/main/Files/Languages/Unofficial/Vietnamese.isl and put
;   it next to this script (packaging\Vietnamese.isl) or into Inno Setup's Languages folder.
;   Without it the installer is built in English (a warning is printed).
; Relative paths are relative to this folder (packaging\). The file is UTF-8 (with BOM, for
; Inno Setup versions before 6.3).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\kehoach"
#endif
#define AppName "Kế hoạch CCHC"
#define AppExe "kehoach.exe"

[Setup]
; AppId identifies the program for upgrades and uninstall: never change it.
AppId={{6C1E3B52-8F4A-4D7E-9B0C-2A5F7D91E4C3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} - Cài đặt
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\KeHoachCCHC
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=KeHoachCCHC-{#AppVersion}-setup
SetupIconFile=..\resources\icons\kehoach.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Unofficial\Vietnamese.isl"
#else
  #pragma warning "Vietnamese.isl not found (see the comment at the top): the installer falls back to English"
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the libraries wholesale, so no file of an older version lingers next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
