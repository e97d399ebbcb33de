#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-Help as a user reads it, for every exported cmdlet of the BUILT module; and every example in it, run in a folder
# holding the example site as ./site, so no example goes stale.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $commands = @(Get-Command -Module MediaSync -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $examples = @(foreach ($command in $commands) {
        $number = 0
        foreach ($example in (Get-Help $command.Name -Full).examples.example) {
            $number++
            @{ Name = $command.Name; Number = $number; Code = ($example.code -replace '^PS>\s*', '') }
        }
    })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Get-Help <Name> -Full' -ForEach $commands {
    BeforeAll { $help = Get-Help $Name -Full }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$Name\s*\["   # Get-Help's stand-in when no help is found
        ($help.description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'describes every parameter' {
        $parameters = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }
        $parameters | Should -Not -BeNullOrEmpty
        foreach ($parameter in $parameters) {
            $entry = $help.parameters.parameter | Where-Object name -eq $parameter
            ($entry.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
        }
    }

    It 'has at least two examples, each saying what it does' {
        $help.examples.example.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join ' ') | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Example <Number> of <Name>' -ForEach $examples {
    BeforeEach {
        Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
        New-Item -ItemType Directory TestDrive:\work | Out-Null
        Copy-Item (Join-Path $PSScriptRoot '../../examples/site') TestDrive:\work\site -Recurse
        Push-Location TestDrive:\work
    }
    AfterEach { Pop-Location }

    It 'runs without an error' {
        $ErrorActionPreference = 'Stop'   # a non-terminating error in the example fails it too
        $errorsBefore = $Error.Count
        . ([scriptblock]::Create($Code)) | Out-Null
        $Error.Count | Should -Be $errorsBefore
    }
}

Describe 'about_MediaSync' {
    It 'covers the pipeline, stores, settings and the safety rules' {
        $text = Get-Help about_MediaSync | Out-String
        foreach ($section in 'THE PIPELINE', 'STORES', 'SETTINGS', 'SAFETY RULES') { $text | Should -Match $section }
    }

    # Get-Help about_MediaSync opens with the README's main job, word for word, and it runs.
    It 'opens with the README''s main job, which runs and publishes the example site' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $main = [regex]::Match($readme, '(?ms)^```powershell\r?\n.*?^(Sync-Media -Settings @\{.*?^\} -Summary)\r?$').Groups[1].Value
        @($main -split '\r?\n').Count | Should -Be 5
        $text = (Get-Help about_MediaSync | Out-String) -replace '\r\n', "`n"
        $description = $text.Substring($text.IndexOf('LONG DESCRIPTION'))
        # the first block of code in the description: its lines are indented by 8 spaces or more, up to a blank line
        $first = [regex]::Match($description, '(?m)(^ {8}.*\S.*\n)+').Value -split '\n' | Where-Object { $_ } | ForEach-Object { $_.Substring(8) }
        ($first -join "`n") | Should -BeExactly ($main -replace '\r\n', "`n")

        Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
        New-Item -ItemType Directory TestDrive:\work | Out-Null
        Copy-Item (Join-Path $PSScriptRoot '../../examples/site') TestDrive:\work\site -Recurse
        Push-Location TestDrive:\work
        try { $summary = . ([scriptblock]::Create($first -join "`n")) }
        finally { Pop-Location }
        $summary.Failed | Should -Be 0
        $summary.Created | Should -BeGreaterThan 0
        Test-Path TestDrive:\work\out\public\manifest.json | Should -BeTrue
    }
}
