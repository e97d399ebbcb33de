#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-MediaUrl as a template helper calls it: local and remote URLs, SSL, cache busters (a value and a scriptblock),
# fingerprinted keys from manifest.json, keys percent-encoded, and a manifest.json whose keys leave the root refused.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-MediaUrl' {
    BeforeEach {
        Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\work\media\css\site.css 'body{}'
        New-TestFile TestDrive:\work\media\images\stuff.png 'png'
        Push-Location TestDrive:\work
        Set-MediaSyncSetting -Reset
    }
    AfterEach { Pop-Location }

    It 'gives the local URL, and the remote one with -Remote, https with -UseSsl or a secure request' {
        $cdn = @{ PublicBaseUrl = 'http://cdn.example.test/site' }
        Get-MediaUrl -Path images/stuff.png | Should -Be '/media/images/stuff.png'
        Get-MediaUrl images/stuff.png -Remote -Settings $cdn | Should -Be '//cdn.example.test/site/images/stuff.png'
        Get-MediaUrl images/stuff.png -Remote -UseSsl -Settings $cdn | Should -Be 'https://cdn.example.test/site/images/stuff.png'
        Get-MediaUrl images/stuff.png -Remote -RequestIsSecure -Settings $cdn | Should -Be 'https://cdn.example.test/site/images/stuff.png'
        Get-MediaUrl images/stuff.png -Remote -RequestIsSecure:$false -Settings $cdn | Should -Be 'http://cdn.example.test/site/images/stuff.png'
        Get-MediaUrl images/stuff.png -Settings ($cdn + @{ ServeRemote = $true; UseSsl = $true }) | Should -Be 'https://cdn.example.test/site/images/stuff.png'
    }

    It 'adds a cache buster, a value or a scriptblock given the URL, except for a fingerprinted key' {
        Get-MediaUrl css/site.css -Settings @{ CacheBuster = 'v=2' } | Should -Be '/media/css/site.css?v=2'
        Get-MediaUrl css/site.css -Settings @{ CacheBuster = { param($url) 'u=' + $url.Length } } | Should -Be '/media/css/site.css?u=19'
        Sync-Media -Settings @{ Fingerprint = $true } | Out-Null
        Get-MediaUrl css/site.css -Settings @{ CacheBuster = 'v=2' } | Should -Match '^/media/css/site\.[0-9a-f]{8}\.css$'
    }

    It 'takes paths from the pipeline, MediaFile objects included' {
        (Get-MediaFile ./media | Get-MediaUrl) | Should -Be @('/media/css/site.css', '/media/images/stuff.png')
    }

    It 'is one error for a remote URL without a public base, and the other paths still come out' {
        $urls = 'css/site.css', 'images/stuff.png' | Get-MediaUrl -Remote -ErrorAction SilentlyContinue -ErrorVariable problems
        $urls | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'MediaSync.NoPublicUrl,MediaSync.PowerShell.Commands.GetMediaUrlCommand'
    }

    It 'percent-encodes a key with spaces, # and ?, locally and at the public base' {
        Set-Content ./mediasync.json '{ "Manifest": "manifest.json", "PublicBaseUrl": "https://cdn.example.test/site" }'
        Set-Content ./manifest.json '{ "files": { "js/a b#c?.js": { "key": "js/a b#c?.0123abcd.js" } } }'
        Get-MediaUrl 'js/a b#c?.js' | Should -Be '/media/js/a%20b%23c%3F.0123abcd.js'
        Get-MediaUrl 'js/a b#c?.js' -Remote -UseSsl | Should -Be 'https://cdn.example.test/site/js/a%20b%23c%3F.0123abcd.js'
    }

    It 'refuses a manifest.json whose key <Key> leaves the root or names a scheme, before any URL' -ForEach @(
        @{ Key = '../../evil.js' }
        @{ Key = '/etc/evil.js' }
        @{ Key = 'js\\..\\..\\evil.js' }
        @{ Key = 'javascript:alert(1)//.js' }
        @{ Key = 'js/a\u0007.js' }
    ) {
        Set-Content ./manifest.json "{ `"files`": { `"js/app.js`": { `"key`": `"$Key`" } } }"
        $script:urls = $null
        { $script:urls = 'images/stuff.png', 'js/app.js' | Get-MediaUrl -Settings @{ Manifest = 'manifest.json' } } |
            Should -Throw -ErrorId 'MediaSync.ManifestInvalid,*' -ExpectedMessage "*$((Resolve-Path ./manifest.json).ProviderPath)*js/app.js*"
        $script:urls | Should -BeNullOrEmpty
    }
}

Describe 'Get-MediaUrl -AcceptEncoding' {
    BeforeEach {
        Remove-Item TestDrive:\neg -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\neg\media\css\site.css ('body{color:red}' * 40)
        Push-Location TestDrive:\neg
        Set-MediaSyncSetting -Reset
        Sync-Media -Settings @{ Compress = $true } | Out-Null
    }
    AfterEach { Pop-Location }

    It 'names the twin Sync-Media listed in manifest.json that the client accepts, and the original when ServeCompressed is off' {
        $variants = (Get-Content ./out/public/manifest.json -Raw | ConvertFrom-Json).files.'css/site.css'.variants
        $variants.gzip | Should -Not -BeNullOrEmpty
        Get-MediaUrl css/site.css -AcceptEncoding 'gzip, deflate' | Should -Be "/media/$($variants.gzip)"
        Get-MediaUrl css/site.css -AcceptEncoding 'gzip;q=0' | Should -Be '/media/css/site.css'
        Get-MediaUrl css/site.css -AcceptEncoding 'gzip' -Settings @{ ServeCompressed = $false } | Should -Be '/media/css/site.css'
        if ($variants.br) { Get-MediaUrl css/site.css -AcceptEncoding 'gzip, br' | Should -Be "/media/$($variants.br)" }
    }
}
