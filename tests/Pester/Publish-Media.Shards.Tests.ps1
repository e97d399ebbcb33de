#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# -Shard i/N and -DeleteOnly as a sharded deploy runs them: N processes at once against one bucket on Ceph RGW, on the
# real-world corpus (../shared/real-world) with gzip twins and a manifest, compared with one unsharded publish.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    if (-not $env:MEDIASYNC_S3_ENDPOINT) { throw 'No S3 endpoint: set MEDIASYNC_S3_ENDPOINT, MEDIASYNC_S3_ACCESS_KEY and MEDIASYNC_S3_SECRET_KEY.' }
    $env:AWS_ACCESS_KEY_ID = $env:MEDIASYNC_S3_ACCESS_KEY
    $env:AWS_SECRET_ACCESS_KEY = $env:MEDIASYNC_S3_SECRET_KEY
    $real = if ($env:MEDIASYNC_REAL_WORLD) { $env:MEDIASYNC_REAL_WORLD } else { Join-Path $PSScriptRoot '../../../shared/real-world' }
    if (-not (Test-Path (Join-Path $real 'site/media'))) { throw "The real-world corpus is missing: $real (set MEDIASYNC_REAL_WORLD)" }
    # a copy, so that a file can be removed for -DeleteOnly
    $script:source = Join-Path $TestDrive 'media'
    Copy-Item (Join-Path $real 'site/media') $source -Recurse
    $script:manifest = Join-Path $modulePath 'MediaSync.psd1'
    $id = [guid]::NewGuid().ToString('N').Substring(0, 10)
    $script:sharded = "shard-parts-$id"
    $script:whole = "shard-whole-$id"

    function Open-Bucket([string] $Bucket, [string] $Prefix = '') {
        New-MediaStore -S3 -Bucket $Bucket -Prefix $Prefix -EndpointUrl $env:MEDIASYNC_S3_ENDPOINT -ForcePathStyle
    }

    # Each part, or the whole, in a process of its own: the pipeline a deploy job runs.
    $script:publish = {
        param($manifest, $source, $endpoint, $bucket, [string] $shard, [bool] $deleteOnly, [string] $work)
        $ErrorActionPreference = 'Stop'
        Import-Module $manifest
        $store = New-MediaStore -S3 -Bucket $bucket -EndpointUrl $endpoint -ForcePathStyle
        $options = @{ Store = $store }
        if ($shard) { $options.Shard = $shard }
        if ($deleteOnly) { $options.DeleteOnly = $true }
        # each process its own cache (a part's re-run reuses its twins); the results as text, as they cross processes
        Get-MediaFile $source | Compress-MediaFile -Encoding gzip -CachePath (Join-Path $work 'cache') | Export-MediaManifest (Join-Path $work 'manifest.json') -PassThru |
            Publish-Media @options | ForEach-Object { [pscustomobject]@{ Action = "$($_.Action)"; Reason = "$($_.Reason)"; RelativePath = $_.RelativePath } }
    }

    function Invoke-Parts([string] $Bucket, [int] $Count) {
        $jobs = 1..$Count | ForEach-Object {
            Start-Job -ScriptBlock $publish -ArgumentList $manifest, $source, $env:MEDIASYNC_S3_ENDPOINT, $Bucket, "$_/$Count", $false, (Join-Path $TestDrive "part$_")
        }
        $jobs | Wait-Job -Timeout 600 | Out-Null
        try { foreach ($job in $jobs) { , @($job | Receive-Job -ErrorAction Stop) } } finally { $jobs | Remove-Job -Force }
    }

    function Get-Objects([string] $Bucket) {
        @((Open-Bucket $Bucket).List([Threading.CancellationToken]::None) | ForEach-Object { "$($_.Key) $($_.Size) $($_.Md5)" } | Sort-Object -CaseSensitive)
    }

    (Open-Bucket $sharded).EnsureBucket()
    (Open-Bucket $whole).EnsureBucket()
    $script:parts = @(Invoke-Parts $sharded 3)
    $job = Start-Job -ScriptBlock $publish -ArgumentList $manifest, $source, $env:MEDIASYNC_S3_ENDPOINT, $whole, '', $false, (Join-Path $TestDrive 'whole')
    $job | Wait-Job -Timeout 600 | Out-Null
    try { $script:unsharded = @($job | Receive-Job -ErrorAction Stop) } finally { $job | Remove-Job -Force }
}

Describe 'Publish-Media -Shard i/N, three processes at once against one bucket' {
    It 'publishes together exactly what one unsharded publish does, byte for byte' {
        $parts.Count | Should -Be 3
        $created = @($parts | ForEach-Object { @($_ | Where-Object Action -eq Created).RelativePath })
        $created.Count | Should -Be @($unsharded | Where-Object Action -eq Created).Count
        ($created | Sort-Object -Unique -CaseSensitive).Count | Should -Be $created.Count -Because 'no key is published by two parts'
        $theirs = Get-Objects $whole
        $theirs.Count | Should -BeGreaterThan 796 -Because 'the corpus, its gzip twins and the manifest'
        $ours = Get-Objects $sharded
        # the manifest names the same keys and hashes, but the two runs wrote it at different times
        $same = { param($objects) $objects | Where-Object { -not $_.StartsWith('manifest.json ') } }
        (& $same $ours) -join "`n" | Should -Be ((& $same $theirs) -join "`n")
        @($ours | Where-Object { $_.StartsWith('manifest.json ') }).Count | Should -Be 1
    }

    It 'sends each compressed twin with the file it compresses, and the manifest with part 1' {
        $twins = 0
        foreach ($part in $parts) {
            $keys = [Collections.Generic.HashSet[string]]::new([string[]]@($part | Where-Object Action -eq Created).RelativePath, [StringComparer]::Ordinal)
            foreach ($twin in @($keys | Where-Object { $_.EndsWith('.gz') })) {
                $keys.Contains($twin.Substring(0, $twin.Length - 3)) | Should -BeTrue -Because "$twin goes with the file it compresses"
                $twins++
            }
        }
        $twins | Should -BeGreaterThan 50
        @($parts[0] | Where-Object RelativePath -eq 'manifest.json').Action | Should -Be 'Created'
        @($parts[1] + $parts[2] | Where-Object RelativePath -eq 'manifest.json').Count | Should -Be 0
    }

    It 'keeps one state file per part, and a re-run of every part at once writes nothing' {
        $states = @((Open-Bucket $sharded '.mediasync').List([Threading.CancellationToken]::None).Key | Sort-Object)
        $states | Should -Be @('state.1-of-3.json', 'state.2-of-3.json', 'state.3-of-3.json')
        $again = @(Invoke-Parts $sharded 3)
        $again.Count | Should -Be 3
        @($again | ForEach-Object { $_ } | Where-Object Action -ne Skipped) | Should -BeNullOrEmpty
        @($again | ForEach-Object { $_ }).Count | Should -Be @($parts | ForEach-Object { $_ }).Count
    }

    It 'lets -DeleteOnly, after a file was removed, delete exactly that orphan and write nothing' {
        $gone = Get-ChildItem $source -Recurse -File -Filter *.png | Select-Object -First 1
        $key = [IO.Path]::GetRelativePath($source, $gone.FullName).Replace('\', '/')
        Get-Objects $sharded | Where-Object { $_.StartsWith("$key.gz ") } | Should -BeNullOrEmpty -Because 'this file has no twin'
        Remove-Item $gone.FullName -Force
        Set-Content (Join-Path $source 'fonts/new.css') 'body { margin: 0 }'
        $before = Get-Objects $sharded

        $job = Start-Job -ScriptBlock $publish -ArgumentList $manifest, $source, $env:MEDIASYNC_S3_ENDPOINT, $sharded, '', $true, (Join-Path $TestDrive 'delete')
        $job | Wait-Job -Timeout 600 | Out-Null
        try { $results = @($job | Receive-Job -ErrorAction Stop) } finally { $job | Remove-Job -Force }

        @($results | ForEach-Object { "$($_.Action) $($_.RelativePath)" }) | Should -Be @("Deleted $key")
        Get-Objects $sharded | Should -Be @($before | Where-Object { -not $_.StartsWith("$key ") })
    }

    It 'refuses -Delete with -Shard before anything is written, and a Sync-Media shard whose settings delete' {
        $bucket = "shard-refused-$([guid]::NewGuid().ToString('N').Substring(0, 10))"
        $store = Open-Bucket $bucket
        $store.EnsureBucket()
        { Get-MediaFile $source | Publish-Media -Store $store -Shard 2/3 -Delete -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.ShardCannotDelete,*' -ExpectedMessage '*never deletes*'
        $settings = @{ Roots = $source; Delete = $true; Manifest = "$TestDrive/refused/manifest.json"; Store = @{ Type = 'S3'; Bucket = $bucket; EndpointUrl = $env:MEDIASYNC_S3_ENDPOINT; ForcePathStyle = $true } }
        { Sync-Media -Settings $settings -Shard 1/2 -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.ShardCannotDelete,*'
        @($store.List([Threading.CancellationToken]::None)).Count | Should -Be 0
        @((Open-Bucket $bucket '.mediasync').List([Threading.CancellationToken]::None)).Count | Should -Be 0
        Test-Path "$TestDrive/refused/manifest.json" | Should -BeFalse
    }

    It 'refuses a shard that is not i of N as a bad argument' -ForEach @(@{ Shard = '0/3' }, @{ Shard = '4/3' }, @{ Shard = 'two' }) {
        { Get-MediaFile $source | Publish-Media TestDrive:\out -Shard $Shard -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.ShardInvalid,*'
        Test-Path TestDrive:\out | Should -BeFalse
    }
}
