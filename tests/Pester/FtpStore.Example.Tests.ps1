#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# examples/stores/ftp-store.ps1, the script-store example, against a real FTP server (vsftpd on loopback, started by
# scripts/ftp-server.sh): the conformance cases a store without headers can pass, then Publish-Media end to end.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $started = & bash (Join-Path $PSScriptRoot '../../scripts/ftp-server.sh') start 2>&1
    if ($LASTEXITCODE -ne 0 -or "$started" -notmatch 'url=(\S+)') { throw "The FTP server did not start: $started" }
    $script:ftpRoot = $Matches[1]
    $script:stopServer = "$started" -notmatch ' reused'
    $script:example = Join-Path $PSScriptRoot '../../examples/stores/ftp-store.ps1'

    # A store in a folder of its own on the server, so tests do not see each other's files.
    function New-FtpStore {
        $folder = [guid]::NewGuid().ToString('N').Substring(0, 12)
        & $example -Url "$ftpRoot$folder/" -BaseUrl "https://cdn.example.test/$folder/"
    }

    function New-Put([string] $Key, [string] $Text) {
        $bytes = [Text.Encoding]::UTF8.GetBytes($Text)
        $md5 = -join ([Security.Cryptography.MD5]::HashData($bytes) | ForEach-Object { $_.ToString('x2') })
        [MediaSync.Stores.StorePut]::new($Key, [MediaSync.Content.MemoryContent]::new($bytes), $md5, [Collections.Generic.Dictionary[string, string]]::new())
    }

    function Get-Listing($Store) { @($Store.List([Threading.CancellationToken]::None)) }
}

AfterAll {
    if ($stopServer) { & bash (Join-Path $PSScriptRoot '../../scripts/ftp-server.sh') stop | Out-Null }
}

Describe 'The FTP store example, as a store' {
    BeforeEach { $store = New-FtpStore }

    It 'lists nothing when empty, and keeps no headers' {
        Get-Listing $store | Should -BeNullOrEmpty
        $store.KeepsHeaders | Should -BeFalse
    }

    It 'lists what it was given, with size and MD5' {
        $store.Put((New-Put 'css/site.css' 'body{}'), [Threading.CancellationToken]::None)
        $listed = Get-Listing $store
        $listed.Key | Should -Be 'css/site.css'
        $listed.Size | Should -Be 6
        $listed.Md5 | Should -Be (New-Put 'x' 'body{}').Md5
    }

    It 'replaces an object with its key' {
        $store.Put((New-Put 'a.css' 'old'), [Threading.CancellationToken]::None)
        $store.Put((New-Put 'a.css' 'newer'), [Threading.CancellationToken]::None)
        $listed = Get-Listing $store
        $listed.Size | Should -Be 5
        $listed.Md5 | Should -Be (New-Put 'x' 'newer').Md5
    }

    It 'lists nested and unusual names in ordinal order' {
        $keys = 'z.css', 'a b/c d.css', 'café/straße.css', 'A.css', 'deep/er/still/x.js', '100%+&;=#.png'
        foreach ($key in $keys) { $store.Put((New-Put $key $key), [Threading.CancellationToken]::None) }
        $ordinal = [string[]]$keys
        [Array]::Sort($ordinal, [StringComparer]::Ordinal)
        (Get-Listing $store).Key | Should -Be $ordinal
    }

    It 'deletes a batch, and a key that is not there is not an error' {
        foreach ($key in 'a.css', 'b.css', 'c.css') { $store.Put((New-Put $key $key), [Threading.CancellationToken]::None) }
        $store.Delete([string[]]@('a.css', 'c.css', 'never.css'), [Threading.CancellationToken]::None)
        (Get-Listing $store).Key | Should -Be 'b.css'
    }
}

Describe 'Publish-Media to the FTP store example' {
    BeforeEach {
        Remove-Item TestDrive:\src -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\site.css 'body{}'
        New-TestFile TestDrive:\src\js\app.js 'app()'
        New-TestFile TestDrive:\src\img\logo.png 'png'
        $store = New-FtpStore
    }

    It 'uploads what changed, and a re-run costs nothing' {
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Reason | Should -Be @('New', 'New', 'New')
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store).Reason | Should -Be @('Unchanged', 'Unchanged', 'Unchanged')
        New-TestFile TestDrive:\src\css\site.css 'body{color:red}'
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Where-Object Action -ne 'Skipped').RelativePath | Should -Be 'css/site.css'
    }

    It 'deletes orphans under the guards, and refuses a header it cannot keep' {
        Get-MediaFile TestDrive:\src | Publish-Media -Store $store | Out-Null
        Remove-Item TestDrive:\src\js\app.js
        (Get-MediaFile TestDrive:\src | Publish-Media -Store $store -Delete -MaxDeletePercent 100 | Where-Object Action -eq 'Deleted').RelativePath | Should -Be 'js/app.js'
        (Get-Listing $store).Key | Should -Be @('css/site.css', 'img/logo.png')
        { Get-MediaFile TestDrive:\src | Publish-Media -Store $store -HeaderRule @{ '*' = @{ 'Cache-Control' = 'no-cache' } } -ErrorAction Stop } |
            Should -Throw -ErrorId 'MediaSync.HeaderNotKept,*'
    }
}
