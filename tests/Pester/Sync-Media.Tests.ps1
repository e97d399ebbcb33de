#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Sync-Media as a user runs it: the one-line job from settings against the composed cmdlets, dry runs, the delete
# guards, and the deploy-step contract ($?, exit codes, -ErrorAction Stop), into a folder and into S3 on Ceph.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:examples = Join-Path $PSScriptRoot '../../examples'

    # Relative path and MD5 of every file under a folder, sorted: two trees are equal when these are.
    function Get-TreeFingerprint([string] $Folder) {
        $root = (Resolve-Path $Folder).ProviderPath
        Get-ChildItem $root -Recurse -File | ForEach-Object {
            '{0} {1}' -f [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/'), (Get-FileHash $_.FullName -Algorithm MD5).Hash
        } | Sort-Object
    }

    function New-Site {
        Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
        Copy-Item (Join-Path $examples 'site') TestDrive:\work\site -Recurse
        (Resolve-Path TestDrive:\work).ProviderPath
    }
}

Describe 'Sync-Media into a local folder' {
    BeforeEach {
        $work = New-Site
        Push-Location $work
        Set-MediaSyncSetting -Reset
    }
    AfterEach { Pop-Location }

    It 'gives exactly the destination the composed cmdlets give' {
        # the composed script, as examples/publish-local.ps1 runs it
        $composed = & (Join-Path $examples 'publish-local.ps1') -Destination (Join-Path $work 'composed') -ModulePath (Join-Path $modulePath 'MediaSync.psd1')
        $composed.Failed | Should -Be 0
        $summary = Sync-Media -SettingsPath ./site/mediasync.json -Settings @{ Store = @{ Path = './synced' } } -Summary
        $summary.Failed | Should -Be 0
        $summary.Created | Should -BeGreaterThan 10
        Get-TreeFingerprint ./synced | Should -Be (Get-TreeFingerprint ./composed)
        (Get-Content -Raw ./synced/manifest.json | ConvertFrom-Json).files.'css/all.css'.key | Should -Match '^css/all\.[0-9a-f]{8}\.css$'
    }

    It 'reads mediasync.json from the current folder, and a re-run changes nothing' {
        Set-Content ./mediasync.json '{ "Roots": ["site/media"], "Store": { "Type": "Folder", "Path": "public" } }'
        (Sync-Media).Action | Sort-Object -Unique | Should -Be 'Created'
        (Sync-Media).Reason | Sort-Object -Unique | Should -Be 'Unchanged'
        Test-Path ./public/manifest.json | Should -BeTrue
    }

    It 'with no settings at all publishes ./media into ./out/public' {
        Copy-Item ./site/media ./media -Recurse
        $results = Sync-Media
        $results.RelativePath | Should -Contain 'css/site.css'
        Test-Path ./out/public/css/site.css | Should -BeTrue
    }

    It 'returns the full plan under -WhatIf and writes nothing' {
        New-TestFile "$work/public/old.css" 'orphan'
        $plan = Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } -Delete -WhatIf
        ($plan | Where-Object Action -eq 'Created').Count | Should -BeGreaterThan 3
        ($plan | Where-Object RelativePath -eq 'old.css').Action | Should -Be 'Deleted'
        $plan.WhatIf | Sort-Object -Unique | Should -BeTrue
        Get-ChildItem ./public -Recurse -File | ForEach-Object Name | Should -Be 'old.css'
    }

    It 'deletes orphans only under the guards, and never when no source was found' {
        New-TestFile "$work/public/old.css" 'orphan'
        Sync-Media -Settings @{ Roots = './nowhere'; Store = @{ Path = './public' } } -Delete -ErrorAction SilentlyContinue -ErrorVariable problems | Out-Null
        $problems.FullyQualifiedErrorId | Should -Contain 'MediaSync.RootNotFound,MediaSync.PowerShell.Commands.SyncMediaCommand'
        Test-Path ./public/old.css | Should -BeTrue
        (Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' }; MaxDelete = 0 } -Delete -ErrorAction SilentlyContinue |
            Where-Object RelativePath -eq 'old.css').Action | Should -Be 'Skipped'
        Test-Path ./public/old.css | Should -BeTrue
        (Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } -Delete | Where-Object RelativePath -eq 'old.css').Action | Should -Be 'Deleted'
    }

    It 'sets $? to false and writes each error when a file fails, and pwsh -c exits non-zero' {
        # a destination file that is read-only cannot be replaced: one file's error, the rest is published
        Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } | Out-Null
        Set-Content ./site/media/css/site.css 'body{color:blue}'
        Set-ItemProperty ./public/css/site.css -Name IsReadOnly -Value $true
        Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
        $? | Should -BeFalse
        $failed.FullyQualifiedErrorId | Should -Be 'MediaSync.TargetReadOnly,MediaSync.PowerShell.Commands.SyncMediaCommand'

        $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        $module = (Get-Module MediaSync).Path
        & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$module'; Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } | Out-Null" 2>&1 | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        Set-ItemProperty ./public/css/site.css -Name IsReadOnly -Value $false
        & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$module'; Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } | Out-Null" 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0
    }

    It 'tries every file under -ErrorAction Stop, then ends with one terminating error' {
        Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } | Out-Null
        Set-Content ./site/media/css/site.css 'body{color:blue}'
        Set-Content ./site/media/js/site.js 'changed()'
        Set-ItemProperty ./public/css/site.css -Name IsReadOnly -Value $true
        Set-ItemProperty ./public/js/site.js -Name IsReadOnly -Value $true
        New-TestFile "$work/site/media/css/new.css" 'p{}'
        { Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } } -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.SyncFailed,MediaSync.PowerShell.Commands.SyncMediaCommand' -ExpectedMessage '*2 errors*'
        Test-Path ./public/css/new.css | Should -BeTrue   # the run went on past the first failure
    }

    It 'stops before anything runs when a setting is wrong, naming it' {
        Set-Content ./mediasync.json "{`n  `"Roots`": [`"site/media`"],`n  `"Fingerprnt`": true`n}"
        { Sync-Media -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.SettingUnknown,*' -ExpectedMessage "*line 3*Did you mean 'Fingerprint'?*"
        Test-Path ./out | Should -BeFalse
    }

    It 'reports progress with one parent activity and a child per stage' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Set-Location '$work'; Import-Module '$((Get-Module MediaSync).Path)'; `$ProgressPreference = 'Continue'; Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Path = './public' } }")
            $null = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $records = @($ps.Streams.Progress)
            $parent = $records | Where-Object Activity -eq 'Sync-Media'
            ($parent | Where-Object RecordType -eq 'Processing').CurrentOperation | Should -Be @('Discover', 'Bundle', 'Process', 'Compress', 'Manifest', 'Publish')
            $parent[-1].RecordType | Should -Be 'Completed'
            $children = $records | Where-Object Activity -like 'Publishing to *'
            $children | Should -Not -BeNullOrEmpty
            $children.ParentActivityId | Sort-Object -Unique | Should -Be $parent[0].ActivityId
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Sync-Media never publishes where its sources are (issue 24)' {
    BeforeEach {
        $project = New-OverlapProject
        $state = { Get-TreeState $project }
        $before = & $state
        Push-Location $project
    }
    AfterEach { Pop-Location }

    It 'refuses settings that publish media into the project with Delete, Minify and Fingerprint, before the manifest is written' {
        $settings = @{ Roots = 'media'; Store = @{ Type = 'Folder'; Path = '.' }; Delete = $true; Processors = 'Minify'; Minifier = 'NUglify'; Fingerprint = $true; Manifest = 'out/manifest.json' }
        $err = { Sync-Media -Settings $settings } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.DestinationOverlapsSource,*'
        & $state | Should -Be $before
    }

    It 'refuses a settings file whose store is the media folder itself' {
        Set-Content ./mediasync.json '{ "Roots": ["media"], "Store": { "Type": "Folder", "Path": "media/css" }, "Fingerprint": true }'
        $before = & $state
        { Sync-Media -SettingsPath ./mediasync.json } | Should -Throw -ErrorId 'MediaSync.DestinationOverlapsSource,*'
        & $state | Should -Be $before
    }

    It 'publishes Minify and Fingerprint output beside the media and leaves every source as it was' {
        $summary = Sync-Media -Settings @{ Roots = 'media'; Store = @{ Type = 'Folder'; Path = 'dist' }; Delete = $true; Processors = 'Minify'; Minifier = 'NUglify'; Fingerprint = $true } -Summary
        $summary.Failed | Should -Be 0
        (Get-ChildItem ./dist/css -Filter 'a.*.css').Count | Should -Be 1
        # the processing cache (out/cache beside the settings, by design) is the only other thing written
        & $state | Where-Object { -not $_.StartsWith('dist') -and -not $_.StartsWith('out/cache/') -and $_ -ne 'out/' } | Should -Be $before
    }
}

Describe 'Sync-Media into S3 on Ceph' {
    BeforeAll {
        if (-not $env:MEDIASYNC_S3_ENDPOINT) { throw 'No S3 endpoint: set MEDIASYNC_S3_ENDPOINT, MEDIASYNC_S3_ACCESS_KEY and MEDIASYNC_S3_SECRET_KEY.' }
        $env:AWS_ACCESS_KEY_ID = $env:MEDIASYNC_S3_ACCESS_KEY
        $env:AWS_SECRET_ACCESS_KEY = $env:MEDIASYNC_S3_SECRET_KEY
    }
    BeforeEach {
        $work = New-Site
        Push-Location $work
        Set-MediaSyncSetting -Reset
    }
    AfterEach { Pop-Location }

    It 'uploads the whole job from settings, then a re-run uploads nothing' {
        $bucket = 'sync-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        (New-MediaStore -S3 -Bucket $bucket -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle).EnsureBucket()
        $settings = @{ Store = @{ Type = 'S3'; Bucket = $bucket; EndpointUrl = $env:MEDIASYNC_S3_ENDPOINT; ForcePathStyle = $true }; Manifest = './out/manifest.json' }
        $first = Sync-Media -SettingsPath ./site/mediasync.json -Settings $settings -Summary
        $first.Failed | Should -Be 0
        $first.Created | Should -BeGreaterThan 10
        $again = Sync-Media -SettingsPath ./site/mediasync.json -Settings $settings -Summary
        ($again.Created + $again.Updated) | Should -Be 0
        $listed = (New-MediaStore -S3 -Bucket $bucket -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle).List([Threading.CancellationToken]::None).Key
        $listed | Should -Contain 'manifest.json'
        $manifest = Get-Content -Raw ./out/manifest.json | ConvertFrom-Json
        $listed | Should -Contain $manifest.files.'css/all.css'.key
        $expected = ($env:MEDIASYNC_S3_ENDPOINT -replace '^https?:', '').TrimEnd('/') + "/$bucket/" + $manifest.files.'css/all.css'.key
        Get-MediaUrl css/all.css -Remote -SettingsPath ./site/mediasync.json -Settings $settings | Should -Be $expected -Because 'the store gives its own public URL'
    }

    It 'refuses settings whose header rule would inject a header, before anything is put' {
        $bucket = 'sync-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $store = New-MediaStore -S3 -Bucket $bucket -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle
        $store.EnsureBucket()
        $settings = @{
            Store = @{ Type = 'S3'; Bucket = $bucket; EndpointUrl = $env:MEDIASYNC_S3_ENDPOINT; ForcePathStyle = $true }; Manifest = './out/manifest.json'
            HeaderRules = @{ '*.css' = @{ 'Cache-Control' = "no-cache`r`nX-Injected: 1" } }
        }
        { Sync-Media -SettingsPath ./site/mediasync.json -Settings $settings -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.HeaderInvalid,*' -ExpectedMessage "*setting 'HeaderRules.*.css.Cache-Control'*"
        @($store.List([Threading.CancellationToken]::None)).Count | Should -Be 0
    }

    It 'makes a missing bucket with Store.Create, and without it names Create' {
        $bucket = 'sync-new-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $settings = @{ Store = @{ Type = 'S3'; Bucket = $bucket; EndpointUrl = $env:MEDIASYNC_S3_ENDPOINT; ForcePathStyle = $true }; Manifest = './out/manifest.json' }
        $err = $null
        try { Sync-Media -SettingsPath ./site/mediasync.json -Settings $settings -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreListFailed,*'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Create'
        $settings.Store.Create = $true
        (Sync-Media -SettingsPath ./site/mediasync.json -Settings $settings -Summary).Failed | Should -Be 0
        (New-MediaStore -S3 -Bucket $bucket -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle).List([Threading.CancellationToken]::None).Key |
            Should -Contain 'manifest.json'
    }
}

Describe 'Sync-Media settings files as editors and Windows PowerShell write them' {
    BeforeEach {
        $work = New-Site
        Push-Location $work
        Set-MediaSyncSetting -Reset
    }
    AfterEach { Pop-Location }

    It 'refuses a name given twice, in another case too, naming the file and both lines, before anything runs' {
        Set-Content ./mediasync.json "{`n  `"Roots`": [`"site/media`"],`n  `"Delete`": false,`n  `"delete`": true`n}"
        $file = (Resolve-Path ./mediasync.json).ProviderPath
        { Sync-Media -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.SettingDuplicate,*' -ExpectedMessage "*'Delete' in '$file' line 3 and 'delete' in '$file' line 4*"
        Set-Content ./mediasync.json '{ "Roots": ["site/media"], "Store": { "Type": "Folder", "Path": "a", "PATH": "b" } }'
        { Sync-Media -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.SettingDuplicate,*' -ExpectedMessage "*'Store.PATH'*"
        { Get-MediaSyncSetting -SettingsPath ./mediasync.json } | Should -Throw -ErrorId 'MediaSync.SettingDuplicate,*'
        Test-Path ./out | Should -BeFalse
    }

    It 'refuses a case-sensitive dictionary that names a setting twice' {
        # @{} and [ordered]@{} ignore case (and refuse a literal with both), but [hashtable]::new() does not
        $settings = [hashtable]::new()
        $settings.Roots = './site/media'; $settings.Delete = $false; $settings.delete = $true
        { Sync-Media -Settings $settings -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.SettingDuplicate,*' -ExpectedMessage '*in the settings*'
        Test-Path ./out | Should -BeFalse
    }

    It 'reads a file with a byte order mark, UTF-8 or UTF-16, as Windows PowerShell 5.1 writes them' -ForEach @(
        @{ Encoding = [Text.UTF8Encoding]::new($true) }   # Set-Content -Encoding UTF8 in 5.1
        @{ Encoding = [Text.UnicodeEncoding]::new($false, $true) }   # Out-File and '>' in 5.1
    ) {
        [IO.File]::WriteAllText("$work/mediasync.json", '{ "Roots": ["site/media"], "Store": { "Type": "Folder", "Path": "public" } }', $Encoding)
        [IO.File]::ReadAllBytes("$work/mediasync.json")[0] | Should -BeIn 0xEF, 0xFF
        (Sync-Media -Summary).Failed | Should -Be 0
        Test-Path ./public/css/site.css | Should -BeTrue
    }

    It 'reads an app''s mediasync.json with a byte order mark, and refuses one that names a setting twice' {
        New-TestFile ./app/static/app/css/app.css 'p{}'
        [IO.File]::WriteAllText("$work/app/mediasync.json", '{ "mediaDirectoryName": "static" }', [Text.UTF8Encoding]::new($true))
        (Get-MediaFile -App ./app).RelativePath | Should -Be 'app/css/app.css'
        Set-Content ./app/mediasync.json "{`n `"mediaDirectoryName`": `"static`",`n `"MediaDirectoryName`": `"media`"`n}"
        { Get-MediaFile -App ./app -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.SettingDuplicate,*' -ExpectedMessage '*line 3*'
    }

    It 'redacts a SAS signature a server echoes back from every error record' {
        $server = New-EchoingBlobServer -ListingWorks
        $signature = 'Kq7secretSIGNATURE0x'
        $env:AZURE_STORAGE_CONNECTION_STRING = "BlobEndpoint=http://127.0.0.1:$($server.Port)/devstoreaccount1;SharedAccessSignature=sv=2023-11-03&sr=c&sp=racwdl&sig=$signature%2Bq%3D"
        try {
            $results = Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Type = 'AzureBlob'; Container = 'site' }; Manifest = "$work/manifest.json" } -ErrorAction SilentlyContinue -ErrorVariable failures
            ($results | Where-Object Action -eq 'Failed') | Should -Not -BeNullOrEmpty
            $failures | Should -Not -BeNullOrEmpty
            foreach ($failure in $failures) { Get-ErrorRecordText $failure | Should -Not -Match $signature }
            Get-ErrorRecordText $failures[0] | Should -Match 'sig=REDACTED'
            $stopped = $null
            try { Sync-Media -Settings @{ Roots = './site/media'; Store = @{ Type = 'AzureBlob'; Container = 'site' }; Manifest = "$work/manifest.json" } -ErrorAction Stop } catch { $stopped = $_ }
            $stopped.FullyQualifiedErrorId | Should -BeLike 'MediaSync.SyncFailed,*'
            Get-ErrorRecordText $stopped | Should -Not -Match $signature
        }
        finally { Remove-Item Env:\AZURE_STORAGE_CONNECTION_STRING; $server.Dispose() }
    }
}
