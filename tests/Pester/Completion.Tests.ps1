#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Tab completion as a user meets it: TabExpansion2 over a command line, in a folder holding the example site as ./site.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # What Tab offers at the end of $Line, as it would be pasted back.
    function Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText) }

    Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory TestDrive:\work | Out-Null
    Copy-Item (Join-Path $PSScriptRoot '../../examples/site') TestDrive:\work\site -Recurse
    New-TestFile "TestDrive:\work\site\media\img\my logo\it's.svg" '<svg/>'
    New-TestFile TestDrive:\work\site\media\_partials\reset.css 'a{}'   # seen only with -Force
    Push-Location TestDrive:\work
}
AfterAll { Pop-Location }

Describe 'Get-MediaFile -Name <Tab>' {
    It 'completes the keys of the roots and apps already bound, the winner once' {
        Complete 'Get-MediaFile ./site/media -App ./site/apps/blog, ./site/apps/shop -Name ' |
            Should -Be @('blog/blog.css', 'blog/blog.js', 'css/site.css', 'img/logo.svg', "'img/my logo/it''s.svg'", 'js/site.js', 'shop/buttons.css', 'shop/cart.js', 'shop/fonts/icons.woff2')
    }

    It 'keeps the keys that start with what was typed, ignoring case as -Name does' {
        Complete 'Get-MediaFile -Path ./site/media -Name CSS/' | Should -Be @('css/site.css')
        Complete 'Get-MediaFile -LiteralPath ./site/media -Name j' | Should -Be @('js/site.js')
        Complete 'Get-MediaFile -App ./site/apps/shop -Name shop/c' | Should -Be @('shop/cart.js')
    }

    It 'quotes a key with a space or a quote, and keeps the quote the user started with' {
        Complete 'Get-MediaFile ./site/media -Name img/my' | Should -Be @("'img/my logo/it''s.svg'")
        Complete "Get-MediaFile ./site/media -Name 'img/my" | Should -Be @("'img/my logo/it''s.svg'")
        Complete 'Get-MediaFile ./site/media -Name "img/my' | Should -Be @('"img/my logo/it''s.svg"')
    }

    It 'resolves the roots against the current location, and searches it when none is bound' {
        Push-Location site/media
        try {
            Complete 'Get-MediaFile -Name c' | Should -Be @('css/site.css')
            Complete 'Get-MediaFile ../apps/blog/media -Name ' | Should -Be @('blog/blog.css', 'blog/blog.js', 'shop/buttons.css')
        }
        finally { Pop-Location }
    }

    It 'honours -Include, -Exclude and -Force as typed' {
        Complete 'Get-MediaFile ./site/media -Include *.js -Name ' | Should -Be @('js/site.js')
        Complete 'Get-MediaFile ./site/media -Exclude img/** -Name ' | Should -Be @('blog/blog.css', 'css/site.css', 'js/site.js')
        Complete 'Get-MediaFile ./site/media -Force -Name _' | Should -Be @('_partials/reset.css')
    }

    It 'offers nothing, and no error, for a root that does not exist' {
        $before = $Error.Count
        Complete 'Get-MediaFile ./nowhere -Name ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be $before
    }

    It 'stays within its bounds in a tree of 400 files and more' {
        $big = (Join-Path $TestDrive "big-"); foreach ($i in 1..400) { [IO.File]::WriteAllText("$big$i.css", "a{}") }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $keys = Complete "Get-MediaFile '$TestDrive' -Name "
        Write-Host "completion in a tree of 400 files and more: $($clock.ElapsedMilliseconds) ms"
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $keys.Count | Should -Be 100
    }
}

Describe 'Join-MediaBundle <Tab>' {
    It 'completes member keys from the Get-MediaFile before it, of the bundle''s kind' {
        Complete 'Get-MediaFile ./site/media -App ./site/apps/blog | Join-MediaBundle css/all.css ' | Should -Be @('blog/blog.css', 'css/site.css', 'shop/buttons.css')
        Complete 'Get-MediaFile ./site/media -App ./site/apps/shop | Join-MediaBundle -Name js/all.js -Member js/site.js, shop/' | Should -Be @('shop/cart.js')
    }

    It 'completes from the settings in the current folder when no Get-MediaFile comes before it' {
        Push-Location site
        try { Complete '$files | Join-MediaBundle css/all.css c' | Should -Be @('css/site.css') }
        finally { Pop-Location }
    }
}

Describe 'Invoke-MediaProcessor <Tab>' {
    It 'completes the built-in processors' {
        Complete 'Get-MediaFile ./site/media | Invoke-MediaProcessor ' | Should -Be @('Fingerprint', 'Minify')
        Complete 'Get-MediaFile ./site/media | Invoke-MediaProcessor -Processor m' | Should -Be @('Minify')
    }

    It 'completes -Minifier from its enum' {
        Complete 'Invoke-MediaProcessor -Minifier ' | Should -Be @('Auto', 'Esbuild', 'NUglify')
        Complete 'Invoke-MediaProcessor -Minifier n' | Should -Be @('NUglify')
    }
}

Describe 'Publish-Media -Overwrite <Tab>' {
    It 'completes the strategies from their enum' {
        Complete 'Publish-Media ./out -Overwrite ' | Should -Be @('All', 'Clean', 'IfChanged', 'IfNewer', 'NewOnly')
        Complete 'Publish-Media ./out -Overwrite if' | Should -Be @('IfChanged', 'IfNewer')
    }
}

Describe 'Get-MediaUrl and Get-MediaTag <Tab>' {
    BeforeAll {
        Push-Location site
        Sync-Media | Out-Null   # writes out/public/manifest.json, which mediasync.json names
        Pop-Location
    }

    It 'Get-MediaUrl completes the logical paths of the manifest the settings name' {
        Complete 'Get-MediaUrl -SettingsPath ./site/mediasync.json -Path ' |
            Should -Be @('blog/blog.css', 'blog/blog.js', 'css/all.css', 'css/site.css', 'img/logo.svg', "'img/my logo/it''s.svg'", 'js/site.js', 'shop/buttons.css', 'shop/cart.js', 'shop/fonts/icons.woff2')
        Complete 'Get-MediaUrl -SettingsPath ./site/mediasync.json img/l' | Should -Be @('img/logo.svg')
    }

    It 'Get-MediaTag completes stylesheets and scripts only, by the manifest''s case' {
        Complete 'Get-MediaTag -SettingsPath ./site/mediasync.json css/' | Should -Be @('css/all.css', 'css/site.css')
        Complete 'Get-MediaTag -SettingsPath ./site/mediasync.json shop/' | Should -Be @('shop/buttons.css', 'shop/cart.js')
        Complete 'Get-MediaTag -SettingsPath ./site/mediasync.json CSS/' | Should -BeNullOrEmpty
    }

    It 'reads the manifest of the session''s settings, or of the mediasync.json here' {
        Push-Location site
        try { Complete 'Get-MediaUrl j' | Should -Be @('js/site.js') }
        finally { Pop-Location }
        Set-MediaSyncSetting -SettingsPath ./site/mediasync.json
        try { Complete 'Get-MediaTag j' | Should -Be @('js/site.js') }
        finally { Set-MediaSyncSetting -Reset }
    }
}

Describe 'Publish-Media -Shard <Tab>' {
    It 'completes i/N for the N typed, else for the pipeline''s job count, else for 2 to 4 parts' {
        Complete 'Publish-Media ./out -Shard 2/' | Should -Be @('2/2', '2/3', '2/4')
        Complete 'Sync-Media -Shard 3/5' | Should -Be @('3/5')
        $saved = $env:SYSTEM_TOTALJOBSINPHASE
        try {
            $env:SYSTEM_TOTALJOBSINPHASE = '3'
            Complete 'Publish-Media ./out -Shard ' | Should -Be @('1/3', '2/3', '3/3')
        }
        finally { $env:SYSTEM_TOTALJOBSINPHASE = $saved }
    }
}
