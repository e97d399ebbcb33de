#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives New-MediaStore and Publish-Media -Store as a user would, against the BUILT module (out/MediaSync) and the
# S3 endpoint that .ci/run (or scripts/ceph-rgw.sh) provides through MEDIASYNC_S3_ENDPOINT and its keys.

BeforeDiscovery {
    # In CI the S3 tests must run (and fail without a server); elsewhere they need an endpoint to be named.
    $noServer = -not $env:MEDIASYNC_S3_ENDPOINT -and $env:CI -ne 'true'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
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

    It 'publishes to a folder store and changes nothing on a re-run' {
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        $store = New-MediaStore -Path TestDrive:\store
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Action | Should -Be 'Created'
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Reason | Should -Be 'Unchanged'
    }
}

Describe 'Publish-Media -Store on S3' -Skip:$noServer {
    BeforeEach {
        Remove-Item TestDrive:\src -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\index.html '<link href="css/site.css">'
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        New-TestFile TestDrive:\src\js\app.js 'x()'
        $bucket = 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $store = New-MediaStore -S3 -Bucket $bucket -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle
        $store.EnsureBucket()
    }

    It 'uploads what changed, with reasons, and a re-run costs nothing' {
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Reason | Should -Be @('New', 'New', 'New')
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Reason | Should -Be @('Unchanged', 'Unchanged', 'Unchanged')
        Set-Content -NoNewline TestDrive:\src\css\site.css 'body{color:red}'
        $changed = Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Where-Object Action -ne 'Skipped'
        $changed.RelativePath | Should -Be 'css/site.css'
        $changed.Reason | Should -Be 'ContentChanged'
    }

    It 'fixes headers without uploading again when a rule changes' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -HeaderRule @{ '*.html' = @{ 'Cache-Control' = 'no-cache' } }
        ($results | Where-Object RelativePath -eq 'index.html').Reason | Should -Be 'HeadersChanged'
    }

    It 'plans deletes under -WhatIf and guards them' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        Remove-Item TestDrive:\src\js\app.js
        $plan = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Delete -WhatIf
        ($plan | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'js/app.js'
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Delete -MaxDeletePercent 10 -ErrorVariable guard -ErrorAction SilentlyContinue | Out-Null
        $guard[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.DeletePercentExceeded,*'
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Delete | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'js/app.js'
    }

    It 'summarises a run in one object' {
        $summary = Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Summary
        $summary.Created | Should -Be 3
        $summary.ToString() | Should -Match 'Wrote 3 of 3'
    }
}
