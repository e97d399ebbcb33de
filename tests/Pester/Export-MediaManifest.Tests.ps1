#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives fingerprinting and Export-MediaManifest as a user would, against the BUILT module (out/MediaSync).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Fingerprints and Export-MediaManifest' {
    BeforeEach {
        Remove-Item TestDrive:\src, TestDrive:\out -Recurse -Force -ErrorAction SilentlyContinue
        # Enough distinct rules that the minified CSS still compresses.
        $rules = 1..60 | ForEach-Object { ".item-$_ { margin: ${_}px; color: #123456 }" }
        New-TestFile TestDrive:\src\css\site.css (@('.hero { background: url(../img/logo.png) }') + $rules -join "`n")
        New-TestFile TestDrive:\src\img\logo.png 'png'
    }

    It 'fingerprints names and rewrites CSS references with -Fingerprint' {
        $files = Get-MediaFile TestDrive:\src | Invoke-MediaProcessor -Fingerprint
        $logo = $files | Where-Object LogicalPath -eq 'img/logo.png'
        $logo.RelativePath | Should -Match '^img/logo\.[0-9a-f]{8}\.png$'
        $css = $files | Where-Object LogicalPath -eq 'css/site.css'
        $css.RelativePath | Should -Match '^css/site\.[0-9a-f]{8}\.css$'
        [System.Text.Encoding]::UTF8.GetString($css.Content.ReadAllBytes()) | Should -Match ([regex]::Escape(($logo.RelativePath -split '/')[-1]))
    }

    It 'writes a sorted manifest with keys, integrity and variants' {
        Get-MediaFile TestDrive:\src | Invoke-MediaProcessor -Fingerprint | Compress-MediaFile -MinimumSize 0 |
            Export-MediaManifest -Path TestDrive:\out\manifest.json -PassThru | Publish-Media -Destination TestDrive:\out | Out-Null
        $manifest = Get-Content -Raw TestDrive:\out\manifest.json | ConvertFrom-Json
        $site = $manifest.files.'css/site.css'
        $site.key | Should -Match '^css/site\.[0-9a-f]{8}\.css$'
        $site.integrity | Should -Match '^sha384-'
        $site.variants.gzip | Should -Be ($site.key + '.gz')
        Test-Path (Join-Path TestDrive:\out $site.key) | Should -BeTrue
        @($manifest.files.PSObject.Properties.Name) | Should -Be @('css/site.css', 'img/logo.png')
    }

    It 'writes nothing under -WhatIf' {
        Get-MediaFile TestDrive:\src | Export-MediaManifest -Path TestDrive:\out\manifest.json -WhatIf
        Test-Path TestDrive:\out\manifest.json | Should -BeFalse
    }
}
