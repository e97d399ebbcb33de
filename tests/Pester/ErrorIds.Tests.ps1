#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Every error id a user can cause from the shell, caused as a user would, with its category and whether it stops the
# command (bad arguments) or is one item's error (the rest goes on). Ids are contract: MediaSync.<Name>.

BeforeDiscovery {
    $cases = @(
        @{ Id = 'RootNotFound';      Stops = $false; Category = 'ObjectNotFound'; Run = { Get-MediaFile TestDrive:\nope, TestDrive:\src } }
        @{ Id = 'AppNotFound';       Stops = $false; Category = 'ObjectNotFound'; Run = { Get-MediaFile TestDrive:\src -App TestDrive:\no-app } }
        @{ Id = 'RootIsFile';        Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile -LiteralPath TestDrive:\src\css\site.css } }
        @{ Id = 'NoRoots';           Stops = $true;  Category = 'InvalidArgument'; Run = { @() | Get-MediaFile } }
        @{ Id = 'InvalidMediaDirectoryName'; Stops = $true; Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src -MediaDirectoryName '../up' } }
        @{ Id = 'InvalidName';       Stops = $true;  Category = 'InvalidData'; Run = { Get-MediaFile TestDrive:\src -Name '../x.css' } }
        @{ Id = 'NotAGitWorkTree';   Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src -ChangedSince HEAD } }
        @{ Id = 'DestinationIsFile'; Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\src\css\site.css } }
        @{ Id = 'ConflictingArguments'; Stops = $true; Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out -Mode Copy -Fallback Copy } }
        @{ Id = 'DestinationOverlapsSource'; Stops = $true; Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\src\css -Overwrite Clean -Force } }
        @{ Id = 'CleanRefused';      Stops = $true;  Category = 'InvalidArgument'; Run = { $saved = $env:HOME; try { $env:HOME = (New-Item -ItemType Directory -Force TestDrive:\home).FullName; Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\home -Overwrite Clean -Force } finally { $env:HOME = $saved } } }
        @{ Id = 'DeleteRefused';     Stops = $true;  Category = 'InvalidArgument'; Run = { $saved = $env:HOME; try { $env:HOME = (New-Item -ItemType Directory -Force TestDrive:\home).FullName; Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\home -Delete } finally { $env:HOME = $saved } } }
        @{ Id = 'ShardInvalid';      Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out -Shard 4/3 } }
        @{ Id = 'ShardCannotDelete'; Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out -Shard 1/2 -Delete } }
        @{ Id = 'NothingToPublish';  Stops = $false; Category = 'InvalidOperation'; Run = { @() | Publish-Media TestDrive:\out -Delete } }
        @{ Id = 'DeleteLimitExceeded'; Stops = $false; Category = 'LimitsExceeded'; Run = { New-TestFile TestDrive:\out\a.css; New-TestFile TestDrive:\out\b.css; Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out -Delete -MaxDelete 1 } }
        @{ Id = 'DeleteRefusedIncompleteInput'; Stops = $false; Category = 'InvalidOperation'; Run = { New-TestFile TestDrive:\out\a.css; Get-MediaFile TestDrive:\src, TestDrive:\gone -ErrorAction SilentlyContinue | Publish-Media TestDrive:\out -Delete } }
        @{ Id = 'SourceUnreadable';  Stops = $false; Category = 'ReadError'; Run = { $f = Get-MediaFile TestDrive:\src; Remove-Item TestDrive:\src\js\app.js; $f | Publish-Media TestDrive:\out } }
        @{ Id = 'TargetNotALink';    Stops = $false; Category = 'ResourceExists'; Run = { New-TestFile TestDrive:\out\js\app.js 'mine'; Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out -Mode Link } }
        @{ Id = 'HeaderInvalid';     Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Publish-Media -Store (New-MediaStore -BaseUrl https://cdn.example.test -KeepsHeaders -List { } -Put { }) -HeaderRule @{ '*' = @{ 'Cache-Control' = "no-cache`r`nX-Injected: 1" } } } }
        @{ Id = 'HeaderNotKept';     Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Publish-Media -Store (New-MediaStore -Path TestDrive:\store) -HeaderRule @{ '*' = @{ 'X-Robots-Tag' = 'noindex' } } } }
        @{ Id = 'StoreListFailed';   Stops = $true;  Category = 'ReadError'; Run = { Get-MediaFile TestDrive:\src | Publish-Media -Store (New-MediaStore -BaseUrl https://cdn.example.test -List { @{ Size = 1 } } -Put { }) } }
        @{ Id = 'StoreWriteFailed';  Stops = $false; Category = 'WriteError'; Run = { Get-MediaFile TestDrive:\src | Publish-Media -Store (New-MediaStore -BaseUrl https://cdn.example.test -List { } -Put { throw 'disk full' }) } }
        @{ Id = 'UnknownProcessor';  Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Invoke-MediaProcessor NoSuchStep } }
        @{ Id = 'ProcessorFailed';   Stops = $false; Category = 'InvalidData'; Run = { Get-MediaFile TestDrive:\src | Invoke-MediaProcessor { throw 'broken step' } } }
        @{ Id = 'SourceMapNeedsEsbuild'; Stops = $true; Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Invoke-MediaProcessor -Minifier NUglify -SourceMap } }
        @{ Id = 'TextEncodingInvalid'; Stops = $false; Category = 'InvalidData'; Run = { [System.IO.File]::WriteAllBytes("$TestDrive/src/css/latin1.css", [byte[]](0x61, 0x7B, 0x7D, 0xE9)); Get-MediaFile TestDrive:\src | Invoke-MediaProcessor Fingerprint } }
        @{ Id = 'EsbuildNotFound';   Stops = $true;  Category = 'ObjectNotFound'; Run = { Get-MediaFile TestDrive:\src | Invoke-MediaProcessor -EsbuildPath TestDrive:\no-esbuild } }
        @{ Id = 'BundleNameInvalid'; Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Join-MediaBundle all.txt site.css } }
        @{ Id = 'BundleMixesKinds';  Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaFile TestDrive:\src | Join-MediaBundle all.css css/site.css, js/app.js } }
        @{ Id = 'BundleMemberMissing'; Stops = $false; Category = 'ObjectNotFound'; Run = { Get-MediaFile TestDrive:\src | Join-MediaBundle all.css css/site.css, css/none.css } }
        @{ Id = 'SettingUnknown';    Stops = $true;  Category = 'InvalidArgument'; Run = { Sync-Media -Settings @{ Roots = "$TestDrive/src"; Fingerprnt = $true } } }
        @{ Id = 'SettingWrongType';  Stops = $true;  Category = 'InvalidArgument'; Run = { Get-MediaUrl css/site.css -Settings @{ UseSsl = 'yes' } } }
        @{ Id = 'SettingInvalidValue'; Stops = $true; Category = 'InvalidArgument'; Run = { Sync-Media -Settings @{ Roots = "$TestDrive/src"; Minifier = 'terser' } } }
        @{ Id = 'SettingDuplicate';  Stops = $true;  Category = 'InvalidArgument'; Run = { New-TestFile TestDrive:\dup\mediasync.json '{ "Delete": false, "delete": true }'; Sync-Media -SettingsPath TestDrive:\dup\mediasync.json } }
        @{ Id = 'SettingIsSecret';   Stops = $true;  Category = 'InvalidArgument'; Run = { Set-MediaSyncSetting @{ Store = @{ Type = 'S3'; Bucket = 'b'; SecretKey = 'x' } } } }
        @{ Id = 'StoreTypeUnknown';  Stops = $true;  Category = 'InvalidArgument'; Run = { Sync-Media -Settings @{ Roots = "$TestDrive/src"; Store = @{ Type = 'Ftp' } } } }
        @{ Id = 'SettingsNotFound';  Stops = $true;  Category = 'ObjectNotFound'; Run = { Get-MediaSyncSetting TestDrive:\none.json } }
        @{ Id = 'SettingsNotJson';   Stops = $true;  Category = 'InvalidData'; Run = { Set-Content TestDrive:\bad.json '{ "Roots": '; Get-MediaSyncSetting TestDrive:\bad.json } }
        @{ Id = 'SyncFailed';        Stops = $true;  Category = 'OperationStopped'; Run = { $s = @{ Roots = "$TestDrive/src"; Store = @{ Path = "$TestDrive/out" } }; Sync-Media -Settings $s | Out-Null; Set-Content TestDrive:\src\css\site.css 'p{}'; Set-ItemProperty TestDrive:\out\css\site.css IsReadOnly $true; Sync-Media -Settings $s -ErrorAction Stop } }
        @{ Id = 'TargetReadOnly';    Stops = $false; Category = 'PermissionDenied'; Run = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out | Out-Null; Set-Content TestDrive:\src\css\site.css 'p{}'; Set-ItemProperty TestDrive:\out\css\site.css IsReadOnly $true; Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out } }
        @{ Id = 'NoPublicUrl';       Stops = $false; Category = 'InvalidOperation'; Run = { Get-MediaUrl css/site.css -Remote -Settings @{ Roots = "$TestDrive/src" } } }
        @{ Id = 'NoTagForKind';      Stops = $false; Category = 'InvalidArgument'; Run = { Get-MediaTag img/logo.png -Settings @{ Roots = "$TestDrive/src" } } }
        @{ Id = 'IntegrityUnknown';  Stops = $false; Category = 'ObjectNotFound'; Run = { Get-MediaTag js/app.js -Integrity -Settings @{ Roots = "$TestDrive/src"; Manifest = "$TestDrive/none/manifest.json" } } }
        @{ Id = 'ManifestUnreadable'; Stops = $true; Category = 'InvalidData'; Run = { Set-Content TestDrive:\m.json 'not json'; Get-MediaUrl css/site.css -Settings @{ Manifest = "$TestDrive/m.json" } } }
        @{ Id = 'ManifestInvalid';   Stops = $true;  Category = 'InvalidData'; Run = { Set-Content TestDrive:\m.json '{ "files": { "js/app.js": { "key": "../../evil.js" } } }'; Get-MediaUrl js/app.js -Settings @{ Manifest = "$TestDrive/m.json" } } }
        @{ Id = 'ServerFailed';      Stops = $true;  Category = 'InvalidOperation'; Run = { $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $l.Start(); try { Start-MediaServer TestDrive:\src -Port $l.LocalEndpoint.Port -AsJob } finally { $l.Stop() } } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'MediaSync.<Id>' -ForEach $cases {
    BeforeEach {
        Remove-Item TestDrive:\* -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\site.css 'body { color: red }'
        New-TestFile TestDrive:\src\js\app.js 'app()'
    }

    It 'is raised with its id and category, and <Stops> that it stops the command' {
        $caught = $null
        # Pester runs tests under -ErrorAction Stop; a user's shell continues after non-terminating errors.
        $ErrorActionPreference = 'Continue'
        $Error.Clear()
        try { $null = & $Run 2>&1 } catch { $caught = $_ }
        $all = @($caught) + @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Where-Object { $_ }
        $record = $all | Where-Object { $_.FullyQualifiedErrorId -like "MediaSync.$Id,*" } | Select-Object -First 1
        $record | Should -Not -BeNullOrEmpty -Because "got: $(($all | ForEach-Object FullyQualifiedErrorId) -join '; ')"
        [string]$record.CategoryInfo.Category | Should -Be $Category -Because $record.Exception.Message
        ($null -ne $caught -and $caught.FullyQualifiedErrorId -like "MediaSync.$Id,*") | Should -Be $Stops
        $Error.Clear()
    }
}
