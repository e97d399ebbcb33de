#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives New-MediaStore and Publish-Media -Store as a user would, against the BUILT module (out/MediaSync) and the real
# servers dotnet test provides: Ceph RGW for S3 and Swift (MEDIASYNC_S3_*, MEDIASYNC_SWIFT_*) and Azurite for Azure Blob
# (MEDIASYNC_AZURE_CONNECTION_STRING); by hand, scripts/ceph-rgw.sh and scripts/azurite.sh print them.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # The three files every real store's tests publish.
    function New-StoreSite {
        Remove-Item TestDrive:\src -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\index.html '<link href="css/site.css">'
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        New-TestFile TestDrive:\src\js\app.js 'x()'
    }

    # What every real store does with changed-only sync: all new, then all unchanged, then the one changed file.
    function Assert-ChangedOnlySync($Store) {
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $Store).Reason | Should -Be @('New', 'New', 'New')
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $Store).Reason | Should -Be @('Unchanged', 'Unchanged', 'Unchanged')
        New-TestFile TestDrive:\src\css\site.css 'body{color:red}'
        $changed = Get-MediaFile TestDrive:\src | Publish-Media -Store $Store | Where-Object Action -ne 'Skipped'
        $changed.RelativePath | Should -Be 'css/site.css'
        $changed.Reason | Should -Be 'ContentChanged'
    }

    # What every real store does with -Delete: the full plan under -WhatIf, the percentage guard, then the delete.
    function Assert-GuardedDelete($Store) {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $Store | Out-Null
        Remove-Item TestDrive:\src\js\app.js
        $plan = Get-MediaFile TestDrive:\src | Publish-Media -Store $Store -Delete -WhatIf
        ($plan | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'js/app.js'
        Get-MediaFile TestDrive:\src | Publish-Media -Store $Store -Delete -MaxDeletePercent 10 -ErrorVariable guard -ErrorAction SilentlyContinue | Out-Null
        $guard[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.DeletePercentExceeded,*'
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $Store -Delete | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'js/app.js'
    }
    # What every real store does with a header that would inject: refused as HeaderInvalid before anything is put (the
    # store stays empty), from -HeaderRule and from settings; a valid rule then publishes.
    function Assert-HeaderInjectionRefused($Store, [scriptblock] $ServedHeader) {
        $injecting = @{ '*.html' = @{ 'Cache-Control' = "no-cache`r`nX-Injected: 1" } }
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $Store -HeaderRule $injecting -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.HeaderInvalid,*' -ExpectedMessage '*header injection*'
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $Store -HeaderRule @{ '*' = @{ 'X-Bad:Name' = '1' } } -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.HeaderInvalid,*'
        @($Store.List([Threading.CancellationToken]::None)).Count | Should -Be 0
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $Store -HeaderRule @{ '*.html' = @{ 'Cache-Control' = 'no-cache' } }
        $results.Action | Should -Be @('Created', 'Created', 'Created')
        if ($ServedHeader) {
            & $ServedHeader 'Cache-Control' | Should -Be 'no-cache'
            & $ServedHeader 'X-Injected' | Should -BeNullOrEmpty
        }
    }

    # The SDK's standard chain reads these; the test keys are local-only values.
    $env:AWS_ACCESS_KEY_ID = $env:MEDIASYNC_S3_ACCESS_KEY
    $env:AWS_SECRET_ACCESS_KEY = $env:MEDIASYNC_S3_SECRET_KEY
}

Describe 'New-MediaStore' {
    It 'creates a folder store' {
        $store = New-MediaStore -Path TestDrive:\store
        $store | Should -BeOfType ([MediaSync.Stores.FolderStore])
        $store.KeepsHeaders | Should -BeFalse
    }

    It 'creates an S3 store without contacting anything' {
        $store = New-MediaStore -S3 -Bucket media -Prefix static -EndpointUrl http://127.0.0.1:1 -ForcePathStyle
        $store.Name | Should -Be 's3://media/static/'
        $store.UrlFor('css/a.css').AbsoluteUri | Should -Be 'http://127.0.0.1:1/media/static/css/a.css'
    }

    It 'refuses multipart settings S3 would reject, before contacting anything' {
        { New-MediaStore -S3 -Bucket media -EndpointUrl http://127.0.0.1:1 -MultipartThreshold 1MB -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.ConflictingArguments,*'
        { New-MediaStore -S3 -Bucket media -EndpointUrl http://127.0.0.1:1 -PartSize 6GB -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.ConflictingArguments,*'
    }

    It 'publishes to a folder store and changes nothing on a re-run' {
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        $store = New-MediaStore -Path TestDrive:\store
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Action | Should -Be 'Created'
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Reason | Should -Be 'Unchanged'
    }
}

Describe 'A store written in PowerShell' {
    BeforeEach {
        Remove-Item TestDrive:\src, TestDrive:\served -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\index.html '<link href="css/site.css">'
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        $served = (New-Item -ItemType Directory TestDrive:\served).FullName
        $calls = [System.Collections.Generic.List[string]]::new()
        # The ancestor's "implement two methods": a folder that remembers its own MD5s in a hashtable.
        $md5 = @{}
        $list = {
            $calls.Add('List')
            Get-ChildItem -LiteralPath $served -File -Recurse | ForEach-Object {
                $key = [System.IO.Path]::GetRelativePath($served, $_.FullName).Replace('\', '/')
                @{ Key = $key; Size = $_.Length; Md5 = $md5[$key] }
            }
        }
        $store = New-MediaStore -BaseUrl 'https://cdn.example.test/media' -List $list -Put {
            $calls.Add("Put $($_.Key)")
            $_.WriteTo((Join-Path $served $_.Key))
            $md5[$_.Key] = $_.Md5
        } -Delete {
            param($keys)
            $calls.Add("Delete $($keys -join ',')")
            foreach ($key in $keys) { Remove-Item -LiteralPath (Join-Path $served $key) }
        }
    }

    It 'publishes through the scriptblocks, and a re-run only lists' {
        $first = Get-MediaFile TestDrive:\src | Publish-Media -Store $store
        $first.Action | Should -Be @('Created', 'Created')
        $first.Destination | Should -Contain 'https://cdn.example.test/media/css/site.css'
        Get-Content -Raw (Join-Path $served 'css/site.css') | Should -Be 'body{}'
        $calls.Clear()
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Reason | Should -Be @('Unchanged', 'Unchanged')
        $calls | Should -Be @('List')
    }

    It 'deletes orphans through -Delete, and -WhatIf calls neither -Put nor -Delete' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        Remove-Item TestDrive:\src\css\site.css
        New-TestFile TestDrive:\src\js\app.js 'x()'
        $calls.Clear()
        $plan = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Delete -MaxDeletePercent 100 -WhatIf
        ($plan | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'css/site.css'
        $calls | Should -Be @('List')
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Delete -MaxDeletePercent 100 | Out-Null
        $calls | Should -Contain 'Delete css/site.css'
        Test-Path (Join-Path $served 'css/site.css') | Should -BeFalse
    }

    It 'turns a failing -Put into one error for that file' {
        $failing = New-MediaStore -BaseUrl 'https://cdn.example.test' -List { } -Put { if ($_.Key -like '*.css') { throw 'quota exceeded' } }
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $failing -ErrorVariable problems -ErrorAction SilentlyContinue
        ($results | Where-Object Action -eq 'Failed').RelativePath | Should -Be 'css/site.css'
        ($results | Where-Object Action -eq 'Created').RelativePath | Should -Be 'index.html'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreWriteFailed,*'
        $problems[0].Exception.Message | Should -Match 'quota exceeded'
    }

    It 'fails a file whose -Put writes an error without throwing, and then deletes no orphan' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        Remove-Item TestDrive:\src\css\site.css
        New-TestFile TestDrive:\src\index.html '<p>changed</p>'
        $writesError = New-MediaStore -BaseUrl 'https://cdn.example.test/media' -List $list -Put { Write-Error "disk full: $($_.Key)" } -Delete {
            param($keys)
            $calls.Add("Delete $($keys -join ',')")
        }
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $writesError -Delete -MaxDeletePercent 100 -ErrorVariable problems -ErrorAction SilentlyContinue
        ($results | Where-Object RelativePath -eq 'index.html').Action | Should -Be 'Failed'
        ($results | Where-Object RelativePath -eq 'css/site.css').Action | Should -Be 'Skipped'
        $problems.FullyQualifiedErrorId | Should -Contain 'MediaSync.StoreWriteFailed,MediaSync.PowerShell.Commands.PublishMediaCommand'
        ($problems | Where-Object { $_.FullyQualifiedErrorId -like 'MediaSync.StoreWriteFailed,*' }).Exception.Message | Should -Match 'disk full: index.html'
        $calls | Should -Not -Match '^Delete'
        Test-Path (Join-Path $served 'css/site.css') | Should -BeTrue
    }

    It 'fails a file when the README''s $_.WriteTo(...) fails inside a plain -Put' {
        $notAFolder = (New-Item -ItemType File TestDrive:\not-a-folder).FullName
        $readme = New-MediaStore -BaseUrl 'https://cdn.example.com/media' -List { } -Put { $_.WriteTo((Join-Path $notAFolder $_.Key)) }
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $readme -ErrorVariable problems -ErrorAction SilentlyContinue
        $results.Action | Should -Be @('Failed', 'Failed')
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreWriteFailed,*'
        $problems[0].Exception.Message | Should -Match 'not-a-folder'
    }

    It 'stops the publish when -List writes an error, and puts and deletes nothing' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        Remove-Item TestDrive:\src\css\site.css
        $calls.Clear()
        $listFails = New-MediaStore -BaseUrl 'https://cdn.example.test/media' -List { $calls.Add('List'); Write-Error 'the server said 503' } -Put {
            $calls.Add("Put $($_.Key)")
        } -Delete { param($keys) $calls.Add("Delete $($keys -join ',')") }
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $listFails -Delete -MaxDeletePercent 100 -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.StoreListFailed,*' -ExpectedMessage '*-List wrote an error: the server said 503*'
        $calls | Should -Be @('List')
        Test-Path (Join-Path $served 'css/site.css') | Should -BeTrue
    }

    It 'reports the orphans failed when -Delete writes an error' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        Remove-Item TestDrive:\src\css\site.css
        $deleteFails = New-MediaStore -BaseUrl 'https://cdn.example.test/media' -List $list -Put { } -Delete { Write-Error 'permission denied' }
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $deleteFails -Delete -MaxDeletePercent 100 -ErrorVariable problems -ErrorAction SilentlyContinue
        $orphan = $results | Where-Object RelativePath -eq 'css/site.css'
        $orphan.Action | Should -Be 'Failed'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreDeleteFailed,*'
        $problems[0].Exception.Message | Should -Match '-Delete wrote an error: permission denied'
    }

    It 'stops with HeaderInvalid when -List returns a header that would inject, before anything is put' {
        $injecting = New-MediaStore -BaseUrl 'https://cdn.example.test' -KeepsHeaders -List {
            @{ Key = 'index.html'; Size = 3; Headers = @{ 'Cache-Control' = "no-cache`nX-Injected: 1" } }
        } -Put { $calls.Add("Put $($_.Key)") }
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $injecting -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.HeaderInvalid,*'
        $calls | Should -BeNullOrEmpty
    }

    It 'refuses -Delete for a store made without -Delete' {
        $noDelete = New-MediaStore -BaseUrl 'https://cdn.example.test' -List { } -Put { }
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $noDelete -Delete -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.ConflictingArguments,*'
    }

    It 'stops with a clear error when -List returns something without a Key' {
        $broken = New-MediaStore -BaseUrl 'https://cdn.example.test' -List { [pscustomobject]@{ Name = 'a.css'; Size = 1 } } -Put { }
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $broken -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.StoreListFailed,*'
    }
}

Describe 'Publish-Media -Store on S3' {
    BeforeAll {
        # dotnet test passes the Ceph gateway it started; by hand, `scripts/ceph-rgw.sh start` prints the three values.
        if (-not $env:MEDIASYNC_S3_ENDPOINT) { throw 'No S3 endpoint: set MEDIASYNC_S3_ENDPOINT, MEDIASYNC_S3_ACCESS_KEY and MEDIASYNC_S3_SECRET_KEY.' }
    }

    BeforeEach {
        New-StoreSite
        $bucket = 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $store = New-MediaStore -S3 -Bucket $bucket -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle
        $store.EnsureBucket()
    }

    It 'uploads what changed, with reasons, and a re-run costs nothing' {
        Assert-ChangedOnlySync $store
    }

    It 'fixes headers without uploading again when a rule changes' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -HeaderRule @{ '*.html' = @{ 'Cache-Control' = 'no-cache' } }
        ($results | Where-Object RelativePath -eq 'index.html').Reason | Should -Be 'HeadersChanged'
    }

    It 'plans deletes under -WhatIf and guards them' {
        Assert-GuardedDelete $store
    }

    It 'refuses a header rule that would inject a header, putting nothing, and a valid rule still publishes' {
        Assert-HeaderInjectionRefused $store
        $head = $store.List([Threading.CancellationToken]::None) | Where-Object Key -eq 'index.html'
        $head.Headers['Cache-Control'] | Should -Be 'no-cache'
        $head.Headers.Keys | Should -Not -Contain 'X-Injected'
    }

    It 'makes a missing bucket, private, with -Create, and without it names -Create' {
        $fresh = 'pester-new-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $missing = New-MediaStore -S3 -Bucket $fresh -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle
        $err = $null
        try { Get-MediaFile TestDrive:\src | Publish-Media -Store $missing -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreListFailed,*'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Create'
        $create = New-MediaStore -S3 -Bucket $fresh -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle -Create
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $create -WhatIf).WhatIf | Should -Be @($true, $true, $true)
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $missing -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.StoreListFailed,*'
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $create).Action | Should -Be @('Created', 'Created', 'Created')
        $missing.List([Threading.CancellationToken]::None).Key | Should -Be @('css/site.css', 'index.html', 'js/app.js')
        (Invoke-WebRequest $missing.UrlFor('index.html') -SkipHttpErrorCheck).StatusCode | Should -Be 403
    }

    It 'uploads a large file in parts and then leaves it alone' {
        $bytes = [byte[]]::new(12MB + 5)
        [System.Random]::new(7).NextBytes($bytes)
        New-Item -ItemType Directory TestDrive:\src\video -Force | Out-Null
        [System.IO.File]::WriteAllBytes((Join-Path $TestDrive 'src/video/intro.mp4'), $bytes)
        $parts = New-MediaStore -S3 -Bucket $bucket -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle -MultipartThreshold 5MB -PartSize 5MB
        (Get-MediaFile TestDrive:\src -Name 'video/*' | Publish-Media -Store $parts).Action | Should -Be 'Created'
        (Get-MediaFile TestDrive:\src -Name 'video/*' | Publish-Media -Store $parts -Checksum).Reason | Should -Be 'Unchanged'
    }

    It 'summarises a run in one object' {
        $summary = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Summary
        $summary.Created | Should -Be 3
        $summary.ToString() | Should -Match '^Deleted 0 of 0, uploaded 3, skipped 0 \(100% changed\)'
    }
}

Describe 'Publish-Media -Store on Azure Blob (Azurite)' {
    BeforeAll {
        # dotnet test passes the Azurite it started; by hand, `scripts/azurite.sh start` prints the account and key.
        if (-not $env:MEDIASYNC_AZURE_CONNECTION_STRING) { throw 'No Azurite: set MEDIASYNC_AZURE_CONNECTION_STRING.' }
    }

    BeforeEach {
        New-StoreSite
        $container = 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $store = New-MediaStore -AzureBlob -Container $container -ConnectionString $env:MEDIASYNC_AZURE_CONNECTION_STRING -Prefix site
        $store.EnsureContainer($true)
    }

    It 'names the container without the account key' {
        $store.Name | Should -Be "azblob://devstoreaccount1/$container/site/"
        "$store $($store | Format-List * | Out-String)" | Should -Not -Match 'AccountKey|Eby8vdM02x'
    }

    It 'uploads what changed with its Content-MD5, and a re-run costs nothing' {
        Assert-ChangedOnlySync $store
        $response = Invoke-WebRequest $store.UrlFor('css/site.css') -UseBasicParsing
        $response.Content | Should -Be 'body{color:red}'
        $response.Headers['Content-MD5'] | Should -Be ([Convert]::ToBase64String([Security.Cryptography.MD5]::HashData([Text.Encoding]::UTF8.GetBytes('body{color:red}'))))
    }

    It 'fixes header drift with SetHttpHeaders, and refuses a header it cannot keep' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -HeaderRule @{ '*.html' = @{ 'Cache-Control' = 'no-cache' } }
        ($results | Where-Object RelativePath -eq 'index.html').Reason | Should -Be 'HeadersChanged'
        (Invoke-WebRequest $store.UrlFor('index.html') -UseBasicParsing).Headers['Cache-Control'] | Should -Be 'no-cache'
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $store -HeaderRule @{ '*' = @{ 'X-Robots-Tag' = 'noindex' } } -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.HeaderNotKept,*' -ExpectedMessage '*Cache-Control*'
    }

    It 'plans deletes under -WhatIf and guards them' {
        Assert-GuardedDelete $store
        $store.List([Threading.CancellationToken]::None).Key | Should -Be @('css/site.css', 'index.html')
    }

    It 'refuses a header rule that would inject a header, putting nothing, and a valid rule still publishes' {
        Assert-HeaderInjectionRefused $store { param($name) (Invoke-WebRequest $store.UrlFor('index.html') -UseBasicParsing).Headers[$name] }
    }

    It 'makes a missing container, with no public access, with -Create, and without it names -Create' {
        $fresh = 'pester-new-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $missing = New-MediaStore -AzureBlob -Container $fresh -ConnectionString $env:MEDIASYNC_AZURE_CONNECTION_STRING
        $err = $null
        try { Get-MediaFile TestDrive:\src | Publish-Media -Store $missing -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreListFailed,*'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Create'
        $create = New-MediaStore -AzureBlob -Container $fresh -ConnectionString $env:MEDIASYNC_AZURE_CONNECTION_STRING -Create
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $create -WhatIf).WhatIf | Should -Be @($true, $true, $true)
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $missing -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.StoreListFailed,*'
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $create).Action | Should -Be @('Created', 'Created', 'Created')
        $missing.List([Threading.CancellationToken]::None).Key | Should -Be @('css/site.css', 'index.html', 'js/app.js')
        (Invoke-WebRequest $missing.UrlFor('index.html') -SkipHttpErrorCheck).StatusCode | Should -BeIn @(403, 404)
    }

    It 'is a settings store type, with the account from AZURE_STORAGE_CONNECTION_STRING' {
        $env:AZURE_STORAGE_CONNECTION_STRING = $env:MEDIASYNC_AZURE_CONNECTION_STRING
        try {
            $summary = Sync-Media -Settings @{ Roots = "$TestDrive/src"; Store = @{ Type = 'AzureBlob'; Container = $container; Prefix = 'synced' }; Manifest = "$TestDrive/manifest.json" } -Summary
            $summary.Created | Should -Be 4
        }
        finally { Remove-Item Env:\AZURE_STORAGE_CONNECTION_STRING }
    }
}

Describe 'Publish-Media -Store on Swift (the Ceph gateway''s Swift API)' {
    BeforeAll {
        if (-not $env:MEDIASYNC_SWIFT_AUTH_URL) { throw 'No Swift: set MEDIASYNC_SWIFT_AUTH_URL, MEDIASYNC_SWIFT_USER and MEDIASYNC_SWIFT_KEY.' }
        $script:swiftCredential = [pscredential]::new($env:MEDIASYNC_SWIFT_USER, (ConvertTo-SecureString $env:MEDIASYNC_SWIFT_KEY -AsPlainText -Force))
    }

    BeforeEach {
        New-StoreSite
        $container = 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $store = New-MediaStore -Swift -Container $container -AuthUrl $env:MEDIASYNC_SWIFT_AUTH_URL -Credential $swiftCredential
        $store.EnsureContainer($true)
    }

    It 'names the container without the key' {
        $store.Name | Should -Be "swift://$container/"
        "$store $($store | Format-List * | Out-String)" | Should -Not -Match ([regex]::Escape($env:MEDIASYNC_SWIFT_KEY))
    }

    It 'uploads what changed, and a re-run costs nothing' {
        Assert-ChangedOnlySync $store
        (Invoke-WebRequest $store.UrlFor('css/site.css') -UseBasicParsing).Content | Should -Be 'body{color:red}'
    }

    It 'fixes header drift with POST, without uploading again' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -HeaderRule @{ '*.html' = @{ 'Cache-Control' = 'no-cache' } }
        ($results | Where-Object RelativePath -eq 'index.html').Reason | Should -Be 'HeadersChanged'
        (Invoke-WebRequest $store.UrlFor('index.html') -UseBasicParsing).Headers['Cache-Control'] | Should -Be 'no-cache'
    }

    It 'plans deletes under -WhatIf and guards them' {
        Assert-GuardedDelete $store
        $store.List([Threading.CancellationToken]::None).Key | Should -Be @('css/site.css', 'index.html')
    }

    It 'refuses a header rule that would inject a header, putting nothing, and a valid rule still publishes' {
        Assert-HeaderInjectionRefused $store { param($name) (Invoke-WebRequest $store.UrlFor('index.html') -UseBasicParsing).Headers[$name] }
    }
}

Describe 'Publish-Media -Store on Swift, signed in with Keystone v3 from the OS_* variables' {
    BeforeAll {
        if (-not $env:MEDIASYNC_KEYSTONE_AUTH_URL) { throw 'No Keystone: set MEDIASYNC_KEYSTONE_AUTH_URL, _USER, _PASSWORD and _PROJECT (scripts/keystone.sh start prints them).' }
        $script:openstack = @{
            OS_AUTH_URL = $env:MEDIASYNC_KEYSTONE_AUTH_URL; OS_USERNAME = $env:MEDIASYNC_KEYSTONE_USER; OS_PASSWORD = $env:MEDIASYNC_KEYSTONE_PASSWORD
            OS_PROJECT_NAME = $env:MEDIASYNC_KEYSTONE_PROJECT; OS_USER_DOMAIN_NAME = 'Default'; OS_PROJECT_DOMAIN_NAME = 'Default'; OS_REGION_NAME = 'RegionOne'
        }
    }

    BeforeEach {
        New-StoreSite
        foreach ($name in $openstack.Keys) { Set-Item "Env:\$name" $openstack[$name] }
        $container = 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $store = New-MediaStore -Swift -Container $container
        $store.EnsureContainer($true)
    }

    AfterEach {
        foreach ($name in $openstack.Keys) { Remove-Item "Env:\$name" -ErrorAction SilentlyContinue }
    }

    It 'uploads what changed to the catalog''s Swift endpoint, a re-run costs nothing, and the password shows nowhere' {
        Assert-ChangedOnlySync $store
        (Invoke-WebRequest $store.UrlFor('css/site.css') -UseBasicParsing).Content | Should -Be 'body{color:red}'
        $store.UrlFor('css/site.css').AbsoluteUri | Should -BeLike '*/swift/v1/*'
        $shown = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Verbose 4>&1 | Out-String
        "$store $($store | Format-List * | Out-String) $shown" | Should -Not -Match ([regex]::Escape($env:MEDIASYNC_KEYSTONE_PASSWORD))
    }

    It 'plans deletes under -WhatIf and guards them' {
        Assert-GuardedDelete $store
        $store.List([Threading.CancellationToken]::None).Key | Should -Be @('css/site.css', 'index.html')
    }
}

