#requires -Version 5.1
<#
.SYNOPSIS
    Runs the MediaSync Pester suite against a built module and writes NUnit XML.
.DESCRIPTION
    `dotnet test` calls this in the pinned pwsh (see tests/Unit/Pester), once for each build of the cmdlets. It can
    also be run by hand, after `dotnet build`:
        dotnet pwsh ./tests/Pester/Invoke-PesterSuite.ps1 -PesterPath ~/.nuget/packages/pester/5.9.1/tools/Pester.psd1
.PARAMETER Framework
    net8.0 imports the module as pwsh 7 would. netstandard2.0 force-loads the Windows PowerShell 5.1 build into pwsh 7,
    from a copy of the module whose manifest names that build as its root module instead of MediaSync.psm1 (which
    would pick net8.0 in pwsh 7): the nearest check of it that runs on this machine.
#>
param(
    [string] $PesterPath,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/MediaSync'),
    [ValidateSet('net8.0', 'netstandard2.0')]
    [string] $Framework = 'net8.0',
    [string] $OutputPath = (Join-Path $PSScriptRoot "../../out/test-results/pester-$Framework.xml"),
    [string[]] $Path = $PSScriptRoot
)
$ErrorActionPreference = 'Stop'
if ($PesterPath) { Import-Module $PesterPath -Force } else { Import-Module Pester -MinimumVersion 5.0 -Force }

$module = (Resolve-Path $ModulePath).ProviderPath
if ($Framework -eq 'netstandard2.0') {
    $copy = Join-Path (Split-Path $module) 'test-netstandard2.0/MediaSync'
    if (Test-Path $copy) { Remove-Item $copy -Recurse -Force }
    New-Item -ItemType Directory -Force -Path (Split-Path $copy) | Out-Null
    Copy-Item $module $copy -Recurse
    $manifest = Join-Path $copy 'MediaSync.psd1'
    $text = (Get-Content -Raw $manifest) -replace "(?m)^(\s*RootModule\s*=\s*).*$", "`$1'bin/netstandard2.0/MediaSync.PowerShell.dll'"
    Set-Content -LiteralPath $manifest -Value $text -NoNewline
    $module = $copy
}
# The test files import the module from here, so every run tests the built module, not the sources.
$env:MEDIASYNC_MODULE = $module
$env:MEDIASYNC_FRAMEWORK = $Framework
New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath) | Out-Null

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $OutputPath
# Tests of what only the .NET build does (its own load context for the AWS SDK) are left out of the other build's run.
if ($Framework -eq 'netstandard2.0') { $configuration.Filter.ExcludeTag = 'CoreOnly' }

$result = Invoke-Pester -Configuration $configuration
Write-Host "Pester ($Framework): $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
if ($result.FailedCount -gt 0 -or $result.TotalCount -eq 0 -or $result.SkippedCount -gt 0) { exit 1 }
exit 0
