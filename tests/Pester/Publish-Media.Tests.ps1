#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives Publish-Media as a user would, against the BUILT module (out/MediaSync).

BeforeDiscovery {
    # Symbolic links need a privilege on Windows. -Skip is decided during discovery, before BeforeAll and
    # TestDrive exist, so the probe runs here, in the temp folder.
    $probe = Join-Path ([System.IO.Path]::GetTempPath()) ('mediasync-link-probe-' + [guid]::NewGuid())
    $canLink = $true
    try { New-Item -ItemType SymbolicLink -Path $probe -Target $PSCommandPath -ErrorAction Stop | Out-Null }
    catch { $canLink = $false }
    finally { Remove-Item -LiteralPath $probe -Force -ErrorAction SilentlyContinue }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Publish-Media to a local folder' {
    BeforeEach {
        Remove-Item TestDrive:\src, TestDrive:\out -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        New-TestFile TestDrive:\src\js\app.js 'app()'
        $out = 'TestDrive:\out'
    }

    It 'copies everything on the first run and nothing on the second' {
        $first = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out
        $first.Action | Should -Be @('Created', 'Created')
        $first.Reason | Should -Be @('New', 'New')
        Get-Content -Raw TestDrive:\out\css\site.css | Should -Be 'body{}'

        $second = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out
        $second.Action | Should -Be @('Skipped', 'Skipped')
        $second.Reason | Should -Be @('Unchanged', 'Unchanged')
    }

    It 'keeps the source''s write time' {
        (Get-Item TestDrive:\src\js\app.js).LastWriteTimeUtc = [datetime]::new(2020, 5, 6, 7, 8, 9, [DateTimeKind]::Utc)
        Get-MediaFile TestDrive:\src | Publish-Media -Destination $out | Out-Null
        (Get-Item TestDrive:\out\js\app.js).LastWriteTimeUtc | Should -Be ([datetime]::new(2020, 5, 6, 7, 8, 9, [DateTimeKind]::Utc))
    }

    It 'names the reason for each update' {
        Get-MediaFile TestDrive:\src | Publish-Media -Destination $out | Out-Null
        New-TestFile TestDrive:\src\css\site.css 'body{color:red}'
        $result = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out | Where-Object RelativePath -eq 'css/site.css'
        $result.Action | Should -Be 'Updated'
        $result.Reason | Should -Be 'SizeChanged'
    }

    It 'never overwrites with -Overwrite NewOnly' {
        New-TestFile TestDrive:\out\css\site.css 'mine'
        $result = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Overwrite NewOnly | Where-Object RelativePath -eq 'css/site.css'
        $result.Reason | Should -Be 'Exists'
        Get-Content -Raw TestDrive:\out\css\site.css | Should -Be 'mine'
    }

    It 'replaces only older files with -Overwrite IfNewer' {
        New-TestFile TestDrive:\out\css\site.css 'newer'
        (Get-Item TestDrive:\out\css\site.css).LastWriteTimeUtc = [datetime]::UtcNow.AddDays(1)
        $result = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Overwrite IfNewer | Where-Object RelativePath -eq 'css/site.css'
        $result.Reason | Should -Be 'NotNewer'
        Get-Content -Raw TestDrive:\out\css\site.css | Should -Be 'newer'
    }

    It 'rewrites everything with -Overwrite All' {
        Get-MediaFile TestDrive:\src | Publish-Media -Destination $out | Out-Null
        (Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Overwrite All).Action | Should -Be @('Updated', 'Updated')
    }

    It 'cleans the destination first with -Overwrite Clean -Force' {
        New-TestFile TestDrive:\out\stale\old.css 'old'
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Overwrite Clean -Force
        ($results | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'stale/old.css'
        Test-Path TestDrive:\out\stale | Should -BeFalse
        Test-Path TestDrive:\out\css\site.css | Should -BeTrue
    }

    It 'accepts -Confirm:$false for Clean too' {
        New-TestFile TestDrive:\out\old.css 'old'
        Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Overwrite Clean -Confirm:$false | Out-Null
        Test-Path TestDrive:\out\old.css | Should -BeFalse
    }

    It 'refuses to Clean a folder that contains the source' {
        $err = { Get-MediaFile TestDrive:\src | Publish-Media -Destination TestDrive:\ -Overwrite Clean -Force } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.DestinationOverlapsSource,*'
        Test-Path TestDrive:\src\css\site.css | Should -BeTrue
    }

    It 'writes nothing under -WhatIf but still returns the plan' {
        New-TestFile TestDrive:\out\orphan.css 'o'
        $plan = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Delete -WhatIf
        ($plan | Where-Object Action -eq 'Created').RelativePath | Should -Be @('css/site.css', 'js/app.js')
        ($plan | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'orphan.css'
        $plan.WhatIf | Should -Not -Contain $false
        (Get-ChildItem TestDrive:\out -Recurse -File).Name | Should -Be 'orphan.css'
    }

    It 'deletes orphans with -Delete, within -MaxDelete' {
        New-TestFile TestDrive:\out\a.css
        New-TestFile TestDrive:\out\b.css
        Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Delete -MaxDelete 1 -ErrorVariable guard -ErrorAction SilentlyContinue | Out-Null
        $guard[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.DeleteLimitExceeded,*'
        Test-Path TestDrive:\out\a.css | Should -BeTrue

        $results = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Delete
        ($results | Where-Object Action -eq 'Deleted').Reason | Should -Be @('Orphan', 'Orphan')
        Test-Path TestDrive:\out\a.css | Should -BeFalse
    }

    It 'deletes nothing when no files come in' {
        New-TestFile TestDrive:\out\keep.css
        @() | Publish-Media -Destination $out -Delete -ErrorVariable guard -ErrorAction SilentlyContinue
        $guard[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.NothingToPublish,*'
        Test-Path TestDrive:\out\keep.css | Should -BeTrue
    }

    It 'reports an unreadable source per file and publishes the others' {
        $files = Get-MediaFile TestDrive:\src
        Remove-Item TestDrive:\src\css\site.css
        $results = $files | Publish-Media -Destination $out -ErrorVariable problems -ErrorAction SilentlyContinue
        ($results | Where-Object Action -eq 'Failed').RelativePath | Should -Be 'css/site.css'
        ($results | Where-Object Action -eq 'Created').RelativePath | Should -Be 'js/app.js'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.SourceUnreadable,*'
    }

    It 'emits one summary with -Summary' {
        $summary = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Summary
        $summary | Should -HaveCount 1
        $summary.Created | Should -Be 2
        $summary.ToString() | Should -Match '^Deleted 0 of 0, wrote 2, skipped 0 \(100% changed\)'
    }

    It 'publishes a root given by path directly' {
        (Get-Item TestDrive:\src | Publish-Media -Destination $out).Action | Should -Be @('Created', 'Created')
    }

    It 'links files with -Mode Link and leaves correct links alone' -Skip:(-not $canLink) {
        (Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Mode Link).Action | Should -Be @('Linked', 'Linked')
        (Get-Item TestDrive:\out\js\app.js).LinkType | Should -Be 'SymbolicLink'
        (Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Mode Link).Reason | Should -Be @('AlreadyLinked', 'AlreadyLinked')
    }

    It 'never replaces a regular file in Link mode, and says to use Copy mode' -Skip:(-not $canLink) {
        New-TestFile TestDrive:\out\js\app.js 'precious'
        $null = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Mode Link -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.TargetNotALink,*'
        $problems[0].ErrorDetails.RecommendedAction | Should -Match 'Mode Copy'
        Get-Content -Raw TestDrive:\out\js\app.js | Should -Be 'precious'
    }

    It 'refuses -Overwrite in Link mode as a bad argument' {
        $err = { Get-MediaFile TestDrive:\src | Publish-Media -Destination $out -Mode Link -Overwrite All } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.ConflictingArguments,*'
    }

    It 'formats results as a table' {
        $text = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out | Out-String
        $text | Should -Match 'Action'
        $text | Should -Match 'css/site.css'
    }

    It 'stops at [powershell]::Stop() with no partial or temp file left and nothing deleted' {
        # Thousands of small files, one at a time, so that the stop lands mid-run; the source is real files on disk.
        $many = Join-Path $TestDrive 'many'
        foreach ($folder in 0..29) {
            $dir = [IO.Directory]::CreateDirectory((Join-Path $many "d$folder")).FullName
            foreach ($n in 0..99) { [IO.File]::WriteAllText((Join-Path $dir "f$n.css"), "/* $folder $n */ a{}") }
        }
        $target = Join-Path $TestDrive 'stopped'
        New-TestFile (Join-Path $target 'orphan.css') 'keep me'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Join-Path $modulePath 'MediaSync.psd1')'; Get-MediaFile '$many' | Publish-Media '$target' -Delete -MaxDelete 5 -ThrottleLimit 1")
            $run = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            while (-not (Test-Path (Join-Path $target 'd0')) -and -not $run.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 5 }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            Write-Host "    stopped in $($clock.ElapsedMilliseconds) ms"
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }

        $written = Get-ChildItem $target -Recurse -File -Force
        $written | Where-Object Name -like '*.mediasync-tmp' | Should -BeNullOrEmpty
        $copies = $written | Where-Object Name -like 'f*.css'
        $copies.Count | Should -BeLessThan 3000
        foreach ($copy in $copies) {
            $copy.Length | Should -Be (Get-Item (Join-Path $many $copy.FullName.Substring($target.Length + 1))).Length
        }
        Get-Content -Raw (Join-Path $target 'orphan.css') | Should -Be 'keep me'
    }
}

Describe 'Publish-Media -Store with a SAS URL a server echoes back' {
    BeforeAll {
        $script:signature = 'Kq7secretSIGNATURE0x'
        New-TestFile TestDrive:\sas\css\site.css 'body { margin: 0 }'
    }

    It 'redacts the signature from the terminating error when the listing is refused' {
        $server = New-EchoingBlobServer
        try {
            $store = New-MediaStore -AzureBlob -Container site -SasUrl $server.SasUrl('site', "$signature%2Bq%3D") -MaxRetries 0
            $record = $null
            try { Get-MediaFile TestDrive:\sas | Publish-Media -Store $store -ErrorAction Stop } catch { $record = $_ }
            $record.FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreListFailed,*'
            $text = Get-ErrorRecordText $record
            $text | Should -Not -Match $signature
            $text | Should -Match 'sig=REDACTED'   # the server did echo the URL, and what it said is kept
            @($server.Requests) -match "sig=$signature" | Should -Not -BeNullOrEmpty
        }
        finally { $server.Dispose() }
    }

    It 'redacts the signature from each file''s error when an upload is refused' {
        $server = New-EchoingBlobServer -ListingWorks
        try {
            $store = New-MediaStore -AzureBlob -Container site -SasUrl $server.SasUrl('site', "$signature%2Bq%3D") -MaxRetries 0
            $results = Get-MediaFile TestDrive:\sas | Publish-Media -Store $store -ErrorAction SilentlyContinue -ErrorVariable failures
            $results.Action | Should -Be 'Failed'
            $failures | Should -Not -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.StoreWriteFailed,*'
            foreach ($failure in $failures) { Get-ErrorRecordText $failure | Should -Not -Match $signature }
            Get-ErrorRecordText $failures[0] | Should -Match 'sig=REDACTED'
        }
        finally { $server.Dispose() }
    }
}

Describe 'Publish-Media never publishes where its sources are (issue 24)' {
    BeforeEach {
        $project = New-OverlapProject
        $before = Get-TreeState $project
    }

    It 'refuses the issue''s "Get-MediaFile ./media | Publish-Media -Destination . -Delete -Summary" and every file stays byte-identical' {
        Push-Location $project
        try {
            $err = { Get-MediaFile ./media | Publish-Media -Destination . -Delete -Summary } | Should -Throw -PassThru
        }
        finally { Pop-Location }
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.DestinationOverlapsSource,*'
        $err.Exception.Message | Should -BeLike "*it contains the source '$(Join-Path $project media)'*"
        Get-TreeState $project | Should -Be $before
    }

    It 'refuses a destination that <Case> the source, without -Delete too (-Overwrite <Overwrite>)' -ForEach @(
        @{ Case = 'is'; Destination = 'media'; Overwrite = 'All' }
        @{ Case = 'lies inside'; Destination = 'media/css'; Overwrite = 'IfChanged' }
        @{ Case = 'contains'; Destination = '.'; Overwrite = 'Clean' }
    ) {
        $err = { Get-MediaFile (Join-Path $project media) | Publish-Media -Destination (Join-Path $project $Destination) -Overwrite $Overwrite -Force } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.DestinationOverlapsSource,*'
        Get-TreeState $project | Should -Be $before
    }

    It 'refuses with -LiteralPath and with a folder store alike' {
        { Publish-Media -LiteralPath (Join-Path $project media) -Destination $project -Delete } | Should -Throw -ErrorId 'MediaSync.DestinationOverlapsSource,*'
        { Get-MediaFile (Join-Path $project media) | Publish-Media -Store (New-MediaStore -Path $project) -Delete } | Should -Throw -ErrorId 'MediaSync.DestinationOverlapsSource,*'
        Get-TreeState $project | Should -Be $before
    }

    It 'refuses -Delete into the home folder, and deletes nothing there' -Skip:$IsWindows {
        # HOME is where .NET finds the home folder on Linux and macOS; a sandbox stands in for it.
        $sandbox = Join-Path $TestDrive 'home'
        New-TestFile (Join-Path $sandbox notes.txt) 'mine'
        $saved = $env:HOME
        try {
            $env:HOME = $sandbox
            $err = { Get-MediaFile (Join-Path $project media) | Publish-Media -Destination $sandbox -Delete } | Should -Throw -PassThru
        }
        finally { $env:HOME = $saved }
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.DeleteRefused,*'
        Get-Content -Raw (Join-Path $sandbox notes.txt) | Should -Be 'mine'
        Test-Path (Join-Path $sandbox css) | Should -BeFalse
    }
}
