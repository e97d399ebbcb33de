#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The PowerShell conventions every cmdlet shares, as a user meets them: each parameter set, pipeline binding,
# -WhatIf and $WhatIfPreference, -ErrorAction and -ErrorVariable, progress records and the default views.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Reset-Tree {
        Remove-Item TestDrive:\* -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\site.css ('body { color: red; margin: 0 }' * 40)
        New-TestFile TestDrive:\src\js\app.js 'app()'
        New-TestFile 'TestDrive:\lit[1]\css\lit.css' 'a{}'
    }
}

Describe 'Every parameter set of every cmdlet' {
    BeforeDiscovery {
        # Each set, and one call that binds it, with what it must return. A set added without a case here fails the
        # first test below.
        $script:cases = @(
            @{ Command = 'Compress-MediaFile'; Set = '__AllParameterSets'; Call = { (Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile -Encoding gzip).RelativePath }; Expected = @('css/site.css', 'css/site.css.gz') }
            @{ Command = 'Export-MediaManifest'; Set = '__AllParameterSets'; Call = { Get-MediaFile TestDrive:\src | Export-MediaManifest TestDrive:\manifest.json; (Get-Content -Raw TestDrive:\manifest.json | ConvertFrom-Json).files.PSObject.Properties.Name }; Expected = @('css/site.css', 'js/app.js') }
            @{ Command = 'Get-MediaSyncSetting'; Set = '__AllParameterSets'; Call = { (Get-MediaSyncSetting).MediaUrl }; Expected = @('/media/') }
            @{ Command = 'Get-MediaTag'; Set = '__AllParameterSets'; Call = { Get-MediaTag js/app.js -Settings @{ Roots = "$TestDrive/src"; Manifest = "$TestDrive/none/manifest.json" } }; Expected = @('<script src="/media/js/app.js"></script>') }
            @{ Command = 'Get-MediaUrl'; Set = '__AllParameterSets'; Call = { Get-MediaUrl css/site.css -Settings @{ Roots = "$TestDrive/src"; Manifest = "$TestDrive/none/manifest.json" } }; Expected = @('/media/css/site.css') }
            @{ Command = 'Get-MediaFile'; Set = 'Path'; Call = { (Get-MediaFile TestDrive:\s*).RelativePath }; Expected = @('css/site.css', 'js/app.js') }
            @{ Command = 'Get-MediaFile'; Set = 'LiteralPath'; Call = { (Get-MediaFile -LiteralPath 'TestDrive:\lit[1]').RelativePath }; Expected = @('css/lit.css') }
            @{ Command = 'Invoke-MediaProcessor'; Set = '__AllParameterSets'; Call = { (Get-MediaFile TestDrive:\src -Include *.js | Invoke-MediaProcessor { $_.Text + ';' }).ReadAllText() }; Expected = @('app();') }
            @{ Command = 'Join-MediaBundle'; Set = 'Single'; Call = { (Get-MediaFile TestDrive:\src | Join-MediaBundle all.js js/app.js | Where-Object RelativePath -eq all.js).ReadAllText() }; Expected = @('app()') }
            @{ Command = 'Join-MediaBundle'; Set = 'Definition'; Call = { (Get-MediaFile TestDrive:\src | Join-MediaBundle -Definition @{ 'all.js' = @('js/app.js') } | Where-Object RelativePath -eq all.js).ReadAllText() }; Expected = @('app()') }
            @{ Command = 'New-MediaStore'; Set = 'AzureBlob'; Call = { (New-MediaStore -AzureBlob -Container media -Prefix static -ConnectionString 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;').Name }; Expected = @('azblob://devstoreaccount1/media/static/') }
            @{ Command = 'New-MediaStore'; Set = 'Swift'; Call = { (New-MediaStore -Swift -Container media -Prefix static -AuthUrl http://127.0.0.1:1/auth/1.0 -Credential ([pscredential]::new('a:b', (ConvertTo-SecureString 'k' -AsPlainText -Force)))).Name }; Expected = @('swift://media/static/') }
            @{ Command = 'New-MediaStore'; Set = 'S3'; Call = { (New-MediaStore -S3 -Bucket media -Prefix static -EndpointUrl http://127.0.0.1:1 -ForcePathStyle).Name }; Expected = @('s3://media/static/') }
            @{ Command = 'New-MediaStore'; Set = 'Folder'; Call = { (New-MediaStore -Path TestDrive:\store).Name -like '*store' }; Expected = @($true) }
            @{ Command = 'New-MediaStore'; Set = 'Script'; Call = { (New-MediaStore -List { } -Put { } -BaseUrl https://cdn.example.com).CanDelete }; Expected = @($false) }
            @{ Command = 'Set-MediaSyncSetting'; Set = 'Settings'; Call = { Set-MediaSyncSetting @{ MediaUrl = '/s/' } -PassThru | ForEach-Object MediaUrl; Set-MediaSyncSetting -Reset }; Expected = @('/s/') }
            @{ Command = 'Set-MediaSyncSetting'; Set = 'SettingsPath'; Call = { Set-Content TestDrive:\s.json '{ "MediaUrl": "/f/" }'; Set-MediaSyncSetting -SettingsPath TestDrive:\s.json -PassThru | ForEach-Object MediaUrl; Set-MediaSyncSetting -Reset }; Expected = @('/f/') }
            @{ Command = 'Set-MediaSyncSetting'; Set = 'Reset'; Call = { Set-MediaSyncSetting -Reset -PassThru | ForEach-Object MediaUrl }; Expected = @('/media/') }
            @{ Command = 'Start-MediaServer'; Set = '__AllParameterSets'; Call = { $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $job = Start-MediaServer TestDrive:\src -Port $port -AsJob; $job.State; $job | Remove-Job -Force }; Expected = @('Running') }
            @{ Command = 'Sync-Media'; Set = '__AllParameterSets'; Call = { (Sync-Media -Settings @{ Roots = "$TestDrive/src"; Store = @{ Path = "$TestDrive/out" } }).RelativePath | Sort-Object }; Expected = @('css/site.css', 'js/app.js', 'manifest.json') }
            @{ Command = 'Publish-Media'; Set = 'InputObject'; Call = { (Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out).Action }; Expected = @('Created', 'Created') }
            @{ Command = 'Publish-Media'; Set = 'LiteralPath'; Call = { (Get-Item TestDrive:\src | Publish-Media TestDrive:\out).RelativePath | Sort-Object }; Expected = @('css/site.css', 'js/app.js') }
            @{ Command = 'Publish-Media'; Set = 'InputObjectStore'; Call = { (Get-MediaFile TestDrive:\src | Publish-Media -Store (New-MediaStore -Path TestDrive:\store)).Reason }; Expected = @('New', 'New') }
            @{ Command = 'Publish-Media'; Set = 'LiteralPathStore'; Call = { (Get-Item TestDrive:\src | Publish-Media -Store (New-MediaStore -Path TestDrive:\store)).RelativePath | Sort-Object }; Expected = @('css/site.css', 'js/app.js') }  # uploads finish in any order
        )
    }

    BeforeEach { Reset-Tree }

    It 'has a case for each set of each cmdlet' {
        $sets = Get-Command -Module MediaSync | ForEach-Object { $name = $_.Name; $_.ParameterSets | ForEach-Object { "$name/$($_.Name)" } }
        ($cases | ForEach-Object { "$($_.Command)/$($_.Set)" } | Sort-Object) | Should -Be ($sets | Sort-Object)
    }

    It '<Command> binds its <Set> set' -ForEach $cases {
        # Each case names the mandatory parameters of its set and no other set's, so the binder has one choice.
        @(& $Call) | Should -Be $Expected
    }
}

Describe 'Binding from the pipeline' {
    BeforeEach { Reset-Tree }

    It 'takes media roots from Get-ChildItem by PSPath' {
        New-TestFile TestDrive:\roots\a\css\a.css 'a{}'
        New-TestFile TestDrive:\roots\b\css\a.css 'shadowed{}'
        New-TestFile TestDrive:\roots\b\js\b.js 'b()'
        $results = Get-ChildItem TestDrive:\roots -Directory | Publish-Media -Destination TestDrive:\out
        $results.RelativePath | Sort-Object | Should -Be @('css/a.css', 'js/b.js')   # writes finish in any order
        Get-Content -Raw TestDrive:\out\css\a.css | Should -Be 'a{}'
        (Get-ChildItem TestDrive:\roots -Directory | Get-MediaFile).SourceRoot | Split-Path -Leaf | Should -Be @('a', 'b')
    }

    It 'takes MediaFile objects by value' {
        $files = Get-MediaFile TestDrive:\src
        (Publish-Media -InputObject $files -Destination TestDrive:\out).Action | Should -Be @('Created', 'Created')
        ($files | Publish-Media -Destination TestDrive:\out).Reason | Should -Be @('Unchanged', 'Unchanged')
    }

    It 'refuses an object that is neither a MediaFile nor a path as a binding error' {
        { [pscustomobject]@{ Name = 'x' } | Publish-Media -Destination TestDrive:\out -ErrorAction Stop } |
            Should -Throw -ErrorId 'InputObjectNotBound,MediaSync.PowerShell.Commands.PublishMediaCommand'
    }
}

Describe '-WhatIf and $WhatIfPreference' {
    BeforeEach { Reset-Tree }

    It 'Publish-Media under $WhatIfPreference writes nothing and returns the plan' {
        $plan = & { $WhatIfPreference = $true; Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out }
        $plan.WhatIf | Should -Be @($true, $true)
        Test-Path TestDrive:\out\css | Should -BeFalse
    }

    It '-WhatIf:$false overrides $WhatIfPreference' {
        $done = & { $WhatIfPreference = $true; Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out -WhatIf:$false }
        $done.WhatIf | Should -Be @($false, $false)
        Test-Path TestDrive:\out\css\site.css | Should -BeTrue
    }

    It 'Export-MediaManifest under $WhatIfPreference writes no file' {
        & { $WhatIfPreference = $true; Get-MediaFile TestDrive:\src | Export-MediaManifest TestDrive:\manifest.json }
        Test-Path TestDrive:\manifest.json | Should -BeFalse
    }

    It 'Publish-Media -Store -WhatIf puts nothing into a folder store' {
        $plan = Get-MediaFile TestDrive:\src | Publish-Media -Store (New-MediaStore -Path TestDrive:\store) -WhatIf
        $plan.Reason | Should -Be @('New', 'New')
        Get-ChildItem TestDrive:\store -Recurse -File -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe '-ErrorAction and -ErrorVariable' {
    BeforeEach { Reset-Tree }

    It 'collects one error per bad file in -ErrorVariable, sets $? to false and publishes the rest' {
        $files = Get-MediaFile TestDrive:\src
        Remove-Item TestDrive:\src\js\app.js
        $results = $files | Publish-Media TestDrive:\out -ErrorVariable problems -ErrorAction SilentlyContinue
        $succeeded = $?
        $succeeded | Should -BeFalse
        $problems | Should -HaveCount 1
        $problems[0].TargetObject | Should -Be 'js/app.js'
        ($results | Where-Object Action -eq Created).RelativePath | Should -Be 'css/site.css'
    }

    It 'stops at the first bad file under -ErrorAction Stop, with the error''s own id' {
        $files = Get-MediaFile TestDrive:\src
        Remove-Item TestDrive:\src\js\app.js
        { $files | Publish-Media TestDrive:\out -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.SourceUnreadable,MediaSync.PowerShell.Commands.PublishMediaCommand'
    }

    It 'leaves nothing in $Error under -ErrorAction Ignore' {
        $Error.Clear()
        $null = Get-MediaFile TestDrive:\nowhere, TestDrive:\src -ErrorAction Ignore
        $Error.Count | Should -Be 0
    }

    It 'appends to an -ErrorVariable given with +' {
        $problems = @()
        $null = Get-MediaFile TestDrive:\nowhere -ErrorVariable problems -ErrorAction SilentlyContinue
        $null = Get-MediaFile TestDrive:\nowhere2 -ErrorVariable +problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -Be @('MediaSync.RootNotFound,MediaSync.PowerShell.Commands.GetMediaFileCommand', 'MediaSync.RootNotFound,MediaSync.PowerShell.Commands.GetMediaFileCommand')
    }
}

Describe 'Progress' {
    BeforeEach { Reset-Tree }

    It 'Publish-Media writes progress records by bytes to the progress stream, and completes them' {
        1..20 | ForEach-Object { New-TestFile "TestDrive:\src\img\$_.bin" ('x' * 10000) }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Join-Path $modulePath 'MediaSync.psd1')'; `$ProgressPreference = 'Continue'; Get-MediaFile '$TestDrive/src' | Publish-Media '$TestDrive/out' -ThrottleLimit 1")
            $results = $ps.Invoke()
            $results | Should -HaveCount 22
            $records = @($ps.Streams.Progress)
            $records | Should -Not -BeNullOrEmpty
            $records[0].Activity | Should -Match 'Publish'
            # the first finished file reports at once, later ones at most four times a second
            ($records | Where-Object RecordType -eq 'Processing')[0].StatusDescription | Should -Match '^1 of 22 files, [\d.]+ KiB of [\d.]+ KiB$'
            $percents = $records | Where-Object RecordType -eq 'Processing' | ForEach-Object PercentComplete
            $percents | Should -Not -BeNullOrEmpty
            ($percents | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 100
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Default views' {
    BeforeEach { Reset-Tree }

    It '<Type> shows <Columns> by default, each readable by a script under that name' -ForEach @(
        @{ Type = 'MediaSync.MediaFile'; Columns = @('Source', 'Length', 'LastWriteTimeUtc', 'Overrides', 'InMemory', 'RelativePath'); Make = { Get-MediaFile TestDrive:\src | Select-Object -First 1 } }
        @{ Type = 'MediaSync.Publishing.PublishResult'; Columns = @('Action', 'Reason', 'Bytes', 'RelativePath'); Make = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out | Select-Object -First 1 } }
        @{ Type = 'MediaSync.Publishing.PublishSummary'; Columns = @('Destination', 'Created', 'Updated', 'Linked', 'Skipped', 'Deleted', 'Orphans', 'Failed', 'Bytes', 'Elapsed', 'Summary'); Make = { Get-MediaFile TestDrive:\src | Publish-Media TestDrive:\out -Summary } }
    ) {
        $view = (Get-FormatData -TypeName $Type).FormatViewDefinition[0]
        $shown = if ($view.Control.Headers) { $view.Control.Headers.Label } else { $view.Control.Entries[0].Items | ForEach-Object { if ($_.Label) { $_.Label } else { $_.DisplayEntry.Value } } }
        $shown | Should -Be $Columns
        $object = & $Make
        foreach ($column in $Columns) { $object.PSObject.Properties.Name | Should -Contain $column }
        $text = $object | Out-String -Width 200
        foreach ($column in $Columns) { $text | Should -Match $column }
    }

    # A list view breaks a long value at the exact column in every culture but English ("... in 0.1" / "6 s"), and
    # this session's culture is the invariant one, as a build agent's often is.
    It 'wraps the summary line at spaces, never inside a number, in <Culture>' -ForEach @(
        @{ Culture = 'invariant'; Name = '' }
        @{ Culture = 'de-DE'; Name = 'de-DE' }
    ) {
        $before = [cultureinfo]::CurrentCulture
        [cultureinfo]::CurrentCulture = $Name
        try {
            # to a store under -WhatIf: "Would delete 0 of 0, would upload 2, skipped 0 (100% changed); 19.5 KiB in 0.01 s",
            # which the list view would break after "19."
            New-TestFile TestDrive:\wrap\css\big.css ('x' * 20000)
            New-TestFile TestDrive:\wrap\js\a.js 'a()'
            $summary = Get-MediaFile TestDrive:\wrap | Publish-Media -Store (New-MediaStore -Path TestDrive:\store) -WhatIf -Summary 6>$null
            $summary.Summary.Length | Should -BeGreaterThan 66
            $lines = @(($summary | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
            $at = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -like 'Summary *' })
            $wrapped = @($lines[$at..($lines.Count - 1)])
            $wrapped.Count | Should -BeGreaterThan 1
            foreach ($line in $wrapped) { $line.Length | Should -BeLessOrEqual 80 }
            # joined again at the breaks with one space, the lines are the summary: every break was at a space
            (($wrapped -replace '^Summary\s+:\s|^\s+', '') -join ' ') | Should -BeExactly $summary.Summary
        }
        finally { [cultureinfo]::CurrentCulture = $before }
    }
}
