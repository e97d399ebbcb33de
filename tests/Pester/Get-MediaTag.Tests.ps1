#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-MediaTag as a template helper calls it: the three doctypes, bundles, integrity from manifest.json, every attribute
# escaped, and a manifest.json with an integrity value that is not SRI refused.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
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

    It 'refuses a manifest.json whose integrity is not SRI: <Integrity>' -ForEach @(
        @{ Integrity = 'x\" onload=\"alert(1)' }
        @{ Integrity = 'sha384-abc\"><script>alert(1)</script>' }
        @{ Integrity = 'md5-abc=' }
    ) {
        Set-Content ./manifest.json "{ `"files`": { `"js/app.js`": { `"key`": `"js/app.js`", `"integrity`": `"$Integrity`" } } }"
        { Get-MediaTag js/app.js -Integrity -Settings @{ Manifest = 'manifest.json' } } |
            Should -Throw -ErrorId 'MediaSync.ManifestInvalid,*' -ExpectedMessage "*manifest.json*'js/app.js'*integrity*"
    }

    It 'keeps an integrity of several SRI tokens' {
        $sri = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb'
        Set-Content ./manifest.json "{ `"files`": { `"js/app.js`": { `"key`": `"js/app.js`", `"integrity`": `"$sri`" } } }"
        Get-MediaTag js/app.js -Integrity -Settings @{ Manifest = 'manifest.json' } |
            Should -Be "<script src=`"/media/js/app.js`" integrity=`"$sri`" crossorigin=`"anonymous`"></script>"
    }

    It 'escapes every attribute value' {
        Get-MediaTag styles/site.css -Media 'x" onload="alert(1)"><b' -Settings @{ CacheBuster = { param($url) "a=1&b='2'" } } |
            Should -Be '<link rel="stylesheet" href="/media/styles/site.css?a=1&amp;b=&#39;2&#39;" type="text/css" media="x&quot; onload=&quot;alert(1)&quot;&gt;&lt;b">'
    }
}

Describe 'Get-MediaTag -Preload' {
    BeforeEach {
        Remove-Item TestDrive:\pre -Recurse -Force -ErrorAction SilentlyContinue
        New-Item TestDrive:\pre\out\public -ItemType Directory | Out-Null
        $sri = 'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb'
        # the manifest.json format with "imports", by hand: main imports a and b, both import shared, shared imports main (a cycle)
        Set-Content TestDrive:\pre\out\public\manifest.json (@{ version = 1; files = [ordered]@{
            'js/main.js' = @{ key = 'js/main.1.js'; integrity = $sri; imports = 'js/a.js', 'js/b.js'; variants = @{ br = 'js/main.1.js.br' } }
            'js/a.js' = @{ key = 'js/a.1.js'; integrity = $sri; imports = @('js/shared.js') }
            'js/b.js' = @{ key = 'js/b.1.js'; integrity = $sri; imports = @('js/shared.js') }
            'js/shared.js' = @{ key = 'js/shared.1.js'; integrity = $sri; imports = @('js/main.js') }
        } } | ConvertTo-Json -Depth 5)
        Push-Location TestDrive:\pre
        Set-MediaSyncSetting -Reset
    }
    AfterEach { Pop-Location }

    It 'writes a module script and one modulepreload per module of the import graph, each once' {
        Get-MediaTag js/main.js -Preload -Integrity -AcceptEncoding 'br' | Should -Be @(
            "<script type=""module"" src=""/media/js/main.1.js.br"" integrity=""$sri"" crossorigin=""anonymous""></script>"
            "<link rel=""modulepreload"" href=""/media/js/a.1.js"" integrity=""$sri"" crossorigin=""anonymous"">"
            "<link rel=""modulepreload"" href=""/media/js/shared.1.js"" integrity=""$sri"" crossorigin=""anonymous"">"
            "<link rel=""modulepreload"" href=""/media/js/b.1.js"" integrity=""$sri"" crossorigin=""anonymous"">"
        )
        Get-MediaTag js/main.js | Should -Be '<script src="/media/js/main.1.js"></script>'
        Get-MediaTag js/main.js -Module | Should -Be '<script type="module" src="/media/js/main.1.js"></script>'
    }
}
