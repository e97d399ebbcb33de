#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-MediaUrl and Get-MediaTag as a template helper calls them: local and remote URLs, SSL, cache busters (a value
# and a scriptblock), fingerprinted keys from manifest.json, the three doctypes, bundles and integrity.

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
}

Describe 'Get-MediaTag' {
    BeforeEach {
        Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\work\media\styles\reset.css '*{margin:0}'
        New-TestFile TestDrive:\work\media\styles\site.css 'body{}'
        New-TestFile TestDrive:\work\media\js\app.js 'app()'
        Set-Content TestDrive:\work\mediasync.json '{ "Bundles": { "styles/joined.css": ["styles/reset.css", "styles/site.css"] }, "PublicBaseUrl": "https://cdn.example.test" }'
        Push-Location TestDrive:\work
        Set-MediaSyncSetting -Reset
    }
    AfterEach { Pop-Location }

    It 'renders the ancestor''s three doctypes' {
        Get-MediaTag styles/site.css -Doctype Html4 | Should -Be '<link rel="stylesheet" href="/media/styles/site.css" type="text/css" media="screen, projection">'
        Get-MediaTag styles/site.css -Media print | Should -Be '<link rel="stylesheet" href="/media/styles/site.css" type="text/css" media="print">'
        Get-MediaTag styles/site.css -Doctype Xhtml | Should -Be '<link rel="stylesheet" href="/media/styles/site.css" type="text/css" media="screen, projection" />'
        Get-MediaTag js/app.js -Doctype Html4 | Should -Be '<script type="text/javascript" charset="utf-8" src="/media/js/app.js"></script>'
        Get-MediaTag js/app.js | Should -Be '<script src="/media/js/app.js"></script>'
        Get-MediaTag js/app.js -Doctype Xhtml | Should -Be '<script type="text/javascript" charset="utf-8" src="/media/js/app.js"></script>'
    }

    It 'renders a bundle as its members locally and as one tag remotely' {
        (Get-MediaTag styles/joined.css) | Should -Be @(
            '<link rel="stylesheet" href="/media/styles/reset.css" type="text/css" media="screen, projection">'
            '<link rel="stylesheet" href="/media/styles/site.css" type="text/css" media="screen, projection">')
        Get-MediaTag styles/joined.css -Remote | Should -Be '<link rel="stylesheet" href="//cdn.example.test/styles/joined.css" type="text/css" media="screen, projection">'
        Get-MediaTag joined.css -Settings @{ CssPath = 'styles' } | Should -HaveCount 2
    }

    It 'adds SRI and crossorigin from the manifest with -Integrity' {
        { Get-MediaTag js/app.js -Integrity -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.IntegrityUnknown,*'
        Sync-Media | Out-Null
        $integrity = (Get-Content -Raw ./out/public/manifest.json | ConvertFrom-Json).files.'js/app.js'.integrity
        Get-MediaTag js/app.js -Integrity | Should -Be "<script src=`"/media/js/app.js`" integrity=`"$integrity`" crossorigin=`"anonymous`"></script>"
    }
}
