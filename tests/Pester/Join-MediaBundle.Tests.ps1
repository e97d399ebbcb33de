#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives Join-MediaBundle as a user would, against the BUILT module (out/MediaSync).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Join-MediaBundle' {
    BeforeEach {
        Remove-Item TestDrive:\src, TestDrive:\out -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\styles\reset.css '* { margin: 0 }'
        New-TestFile TestDrive:\src\styles\text.css 'p { color: red }'
        New-TestFile TestDrive:\src\scripts\a.js 'var a = 1'
        New-TestFile TestDrive:\src\scripts\b.js 'var b = 2'
    }

    It 'passes members on and emits the bundle at the end' {
        $files = Get-MediaFile TestDrive:\src | Join-MediaBundle scripts/joined.js scripts/b.js, scripts/a.js
        $files | Should -HaveCount 5
        $bundle = $files[-1]
        $bundle.RelativePath | Should -Be 'scripts/joined.js'
        $bundle.Members | Should -Be @('scripts/b.js', 'scripts/a.js')
        [System.Text.Encoding]::UTF8.GetString($bundle.Content.ReadAllBytes()) | Should -Be "var b = 2;`nvar a = 1"
    }

    It 'takes several bundles with -Definition and path shortcuts' {
        $definition = [ordered]@{ 'styles/joined.css' = 'reset.css', 'text.css'; 'scripts/joined.js' = 'a.js', 'b.js' }
        $bundles = Get-MediaFile TestDrive:\src | Join-MediaBundle -Definition $definition -CssPath styles -JsPath scripts | Where-Object { $_.Members }
        $bundles.RelativePath | Should -Be @('styles/joined.css', 'scripts/joined.js')
    }

    It 'names a missing member in a non-terminating error and makes no bundle' {
        $files = Get-MediaFile TestDrive:\src | Join-MediaBundle scripts/joined.js scripts/a.js, scripts/gone.js -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -HaveCount 4
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.BundleMemberMissing,*'
        $problems[0].Exception.Message | Should -Match 'scripts/gone.js'
    }

    It 'refuses bundles that mix CSS and JS, or are neither' {
        ({ Get-MediaFile TestDrive:\src | Join-MediaBundle all.js scripts/a.js, styles/reset.css } | Should -Throw -PassThru).FullyQualifiedErrorId |
            Should -BeLike 'MediaSync.BundleMixesKinds,*'
        ({ Get-MediaFile TestDrive:\src | Join-MediaBundle all.txt scripts/a.js } | Should -Throw -PassThru).FullyQualifiedErrorId |
            Should -BeLike 'MediaSync.BundleNameInvalid,*'
    }

    It 'publishes the bundle with its members' {
        Get-MediaFile TestDrive:\src | Join-MediaBundle styles/joined.css styles/reset.css, styles/text.css | Publish-Media -Destination TestDrive:\out | Out-Null
        Get-Content -Raw TestDrive:\out\styles\joined.css | Should -Be "* { margin: 0 }`np { color: red }"
        Test-Path TestDrive:\out\styles\reset.css | Should -BeTrue
    }
}
