#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The rules Publish-Media keeps for every destination, as a user meets them: a folder (-Destination), a folder store,
# a store written in PowerShell, S3 on the CI's Ceph gateway (MEDIASYNC_S3_ENDPOINT and its keys) and Azure Blob on its Azurite
# (MEDIASYNC_AZURE_CONNECTION_STRING).

BeforeDiscovery {
    $script:destinations = @(
        @{ Kind = 'a folder' }
        @{ Kind = 'a folder store' }
        @{ Kind = 'a script store' }
        @{ Kind = 'S3' }
        @{ Kind = 'Azure Blob' }
        @{ Kind = 'Swift' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $env:AWS_ACCESS_KEY_ID = $env:MEDIASYNC_S3_ACCESS_KEY
    $env:AWS_SECRET_ACCESS_KEY = $env:MEDIASYNC_S3_SECRET_KEY

    # Publishes to the destination of one kind and lists what it holds afterwards, as sorted keys.
    function New-Destination([string] $Kind) {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        switch ($Kind) {
            'a folder' {
                $publish = { param($files, $options) $files | Publish-Media -Destination $root @options }.GetNewClosure()
                $list = { if (Test-Path $root) { Get-ChildItem $root -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } } }.GetNewClosure()
            }
            'a folder store' {
                $store = New-MediaStore -Path $root
                $publish = { param($files, $options) $files | Publish-Media -Store $store -MaxDeletePercent 100 @options }.GetNewClosure()
                $list = { if (Test-Path $root) { Get-ChildItem $root -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } } }.GetNewClosure()
            }
            'a script store' {
                $held = @{}
                $store = New-MediaStore -BaseUrl 'https://cdn.example.test' -List {
                    foreach ($key in $held.Keys) { @{ Key = $key; Size = $held[$key].Length; Md5 = $held[$key].Md5 } }
                }.GetNewClosure() -Put { $held[$_.Key] = @{ Length = $_.Length; Md5 = $_.Md5 } }.GetNewClosure() -Delete {
                    param($keys) foreach ($key in $keys) { $held.Remove($key) }
                }.GetNewClosure()
                $publish = { param($files, $options) $files | Publish-Media -Store $store -MaxDeletePercent 100 @options }.GetNewClosure()
                $list = { $held.Keys }.GetNewClosure()
            }
            'Swift' {
                $key = ConvertTo-SecureString $env:MEDIASYNC_SWIFT_KEY -AsPlainText -Force
                $store = New-MediaStore -Swift -Container ('rules-' + [guid]::NewGuid().ToString('N').Substring(0, 12)) -AuthUrl $env:MEDIASYNC_SWIFT_AUTH_URL -Credential ([pscredential]::new($env:MEDIASYNC_SWIFT_USER, $key))
                $store.EnsureContainer($false)
                $publish = { param($files, $options) $files | Publish-Media -Store $store -MaxDeletePercent 100 @options }.GetNewClosure()
                $list = { $store.List([Threading.CancellationToken]::None).Key }.GetNewClosure()
            }
            'Azure Blob' {
                $store = New-MediaStore -AzureBlob -Container ('rules-' + [guid]::NewGuid().ToString('N').Substring(0, 12)) -ConnectionString $env:MEDIASYNC_AZURE_CONNECTION_STRING
                $store.EnsureContainer($false)
                $publish = { param($files, $options) $files | Publish-Media -Store $store -MaxDeletePercent 100 @options }.GetNewClosure()
                $list = { $store.List([Threading.CancellationToken]::None).Key }.GetNewClosure()
            }
            'S3' {
                $store = New-MediaStore -S3 -Bucket ('rules-' + [guid]::NewGuid().ToString('N').Substring(0, 12)) -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle
                $store.EnsureBucket()
                $publish = { param($files, $options) $files | Publish-Media -Store $store -MaxDeletePercent 100 @options }.GetNewClosure()
                $list = { $store.List([Threading.CancellationToken]::None).Key }.GetNewClosure()
            }
        }
        [pscustomobject]@{ Publish = $publish; List = { @(& $list) | Sort-Object }.GetNewClosure() }
    }

    # Publishes and sorts what came out by stream: results, non-terminating errors and warnings.
    function Invoke-Publish($Destination, $Files, [hashtable] $Options = @{}) {
        # one file's error must not stop the run (Pester runs tests with ErrorActionPreference Stop)
        $all = & $Destination.Publish $Files ($Options + @{ ErrorAction = 'Continue' }) 2>&1 3>&1
        [pscustomobject]@{
            Results  = @($all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] -and $_ -isnot [Management.Automation.WarningRecord] })
            Errors   = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
            Warnings = @($all | Where-Object { $_ -is [Management.Automation.WarningRecord] })
        }
    }
}

Describe 'Publish-Media to <Kind>' -ForEach $destinations {
    BeforeEach {
        Remove-Item TestDrive:\src, TestDrive:\other -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        New-TestFile TestDrive:\src\js\app.js 'app()'
        New-TestFile TestDrive:\src\img\logo.png 'png'
        $destination = New-Destination $Kind
    }

    It 'publishes a key that comes in twice once, and reports the other as DuplicateKey' {
        New-TestFile TestDrive:\other\css\site.css 'p{}'
        $run = Invoke-Publish $destination (@(Get-MediaFile TestDrive:\src) + @(Get-MediaFile TestDrive:\other))
        $duplicate = $run.Results | Where-Object Reason -eq 'DuplicateKey'
        $duplicate.Action | Should -Be 'Skipped'
        $duplicate.RelativePath | Should -Be 'css/site.css'
        "$($run.Warnings)" | Should -Match 'came in twice'
        & $destination.List | Should -Be @('css/site.css', 'img/logo.png', 'js/app.js')
    }

    It 'reports a source that vanished after it was found as that file''s error and publishes the rest' {
        $files = Get-MediaFile TestDrive:\src
        Remove-Item TestDrive:\src\js\app.js
        $run = Invoke-Publish $destination $files
        ($run.Results | Where-Object Action -eq 'Failed').RelativePath | Should -Be 'js/app.js'
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.SourceUnreadable,*'
        & $destination.List | Should -Be @('css/site.css', 'img/logo.png')
    }

    It 'names the orphans a refused delete kept, reports each, and deletes none' {
        $null = Invoke-Publish $destination (Get-MediaFile TestDrive:\src)
        Remove-Item TestDrive:\src\js\app.js, TestDrive:\src\img\logo.png
        $run = Invoke-Publish $destination (Get-MediaFile TestDrive:\src) @{ Delete = $true; MaxDelete = 1 }
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.DeleteLimitExceeded,*'
        $run.Errors[0].Exception.Message | Should -Match 'Kept 2 orphan\(s\): img/logo.png, js/app.js\.'
        ($run.Results | Where-Object Reason -eq 'Orphan').Action | Should -Be @('Skipped', 'Skipped')
        & $destination.List | Should -Be @('css/site.css', 'img/logo.png', 'js/app.js')
        $summary = (Invoke-Publish $destination (Get-MediaFile TestDrive:\src) @{ Delete = $true; MaxDelete = 1; Summary = $true }).Results
        $summary | Should -HaveCount 1
        $summary[0].ToString() | Should -Match '^Deleted 0 of 2, '
    }

    It 'publishes nothing a link leading outside the root reaches, unless -FollowLinks' -Skip:($IsWindows) {
        New-TestFile TestDrive:\other\secret.txt 'top secret'
        $src = (Resolve-Path TestDrive:\src).ProviderPath
        New-Item -ItemType SymbolicLink -Path "$src/ext" -Target '../other' | Out-Null
        $run = Invoke-Publish $destination (Get-MediaFile TestDrive:\src 3>$null)
        $run.Results.RelativePath | Sort-Object | Should -Be @('css/site.css', 'img/logo.png', 'js/app.js')
        & $destination.List | Should -Be @('css/site.css', 'img/logo.png', 'js/app.js')
        $null = Invoke-Publish $destination (Get-MediaFile TestDrive:\src -FollowLinks)
        & $destination.List | Should -Be @('css/site.css', 'ext/secret.txt', 'img/logo.png', 'js/app.js')
    }

    It 'writes nothing under -WhatIf, and returns the whole plan' {
        $null = Invoke-Publish $destination (Get-MediaFile TestDrive:\src)
        New-TestFile TestDrive:\src\css\site.css 'body{color:red}'
        New-TestFile TestDrive:\src\fonts\new.woff2 'font'
        Remove-Item TestDrive:\src\img\logo.png
        $before = & $destination.List
        $plan = (Invoke-Publish $destination (Get-MediaFile TestDrive:\src) @{ Delete = $true; WhatIf = $true }).Results
        & $destination.List | Should -Be $before
        ($plan | Where-Object WhatIf).RelativePath | Sort-Object | Should -Be @('css/site.css', 'fonts/new.woff2', 'img/logo.png')
        ($plan | Where-Object RelativePath -eq 'img/logo.png').Action | Should -Be 'Deleted'
    }
}
