#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Runs every ```powershell block of README.md as written, in a folder holding the example site as ./site, so the
# README never shows a pipeline that does not do what it says.

BeforeDiscovery {
    # Discovery makes one test per block; BeforeAll reads them again for the tests that run a given block.
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $blocks = @([regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { @{ Code = $_.Groups[1].Value } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $script:blocks = @([regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { @{ Code = $_.Groups[1].Value } })
    $script:moduleManifest = Join-Path $modulePath 'MediaSync.psd1'
    function Invoke-ReadmeBlock([string] $Code) {
        # The README imports ./out/MediaSync; the test imports the module under test instead.
        $Code = $Code -replace '(?m)^Import-Module \./out/MediaSync/MediaSync\.psd1\s*$', "Import-Module '$moduleManifest'"
        . ([scriptblock]::Create($Code))
    }
}

Describe 'README.md' {
    BeforeEach {
        Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
        New-Item -ItemType Directory TestDrive:\work | Out-Null
        Copy-Item (Join-Path $PSScriptRoot '../../examples/site') TestDrive:\work\site -Recurse
        Push-Location TestDrive:\work
    }
    AfterEach { Pop-Location }

    It 'has PowerShell examples to run' {
        $blocks.Count | Should -BeGreaterOrEqual 2
    }

    It 'runs its example <_.Code.Substring(0, 40)>… twice: the second run changes nothing and deletes nothing' -ForEach $blocks {
        $first = @(Invoke-ReadmeBlock $Code)
        $first | Should -Not -BeNullOrEmpty
        ($first | Where-Object { $_.Failed -or $_.Action -eq 'Failed' }) | Should -BeNullOrEmpty
        $second = @(Invoke-ReadmeBlock $Code)
        foreach ($result in $second) {
            if ($result -is [MediaSync.Publishing.PublishSummary]) {
                $result.Created + $result.Updated + $result.Deleted + $result.Failed | Should -Be 0 -Because $result.Summary
            }
            else { $result.Action | Should -Be 'Skipped' -Because "$($result.RelativePath) was $($result.Reason)" }
        }
    }

    It 'publishes the manifest with the headline pipeline and never deletes it' {
        Invoke-ReadmeBlock $blocks[0].Code | Out-Null
        $summary = Invoke-ReadmeBlock $blocks[0].Code
        $summary.Deleted | Should -Be 0
        $manifest = Get-Content -Raw TestDrive:\work\out\public\manifest.json | ConvertFrom-Json
        $bundle = $manifest.files.'css/all.css'
        $bundle.key | Should -Match '^css/all\.[0-9a-f]{8}\.css$'
        $bundle.members | Should -Be @('css/site.css', 'blog/blog.css')
        $bundle.integrity | Should -Match '^sha384-[A-Za-z0-9+/]+=*$'
        Test-Path (Join-Path TestDrive:\work\out\public $bundle.key) | Should -BeTrue
    }
}
