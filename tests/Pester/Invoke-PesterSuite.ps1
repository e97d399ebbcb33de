#requires -Version 5.1
<#
.SYNOPSIS
    Runs the MediaSync Pester suite against a built module and writes NUnit XML.
.DESCRIPTION
    `dotnet test` calls this in a child pwsh (see tests/Unit/Pester). It can also be run by hand:
    ./tests/Pester/Invoke-PesterSuite.ps1 -ModulePath ./out/MediaSync
#>
param(
    [string] $PesterPath,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/MediaSync'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../../out/test-results/pester.xml')
)
$ErrorActionPreference = 'Stop'
if ($PesterPath) { Import-Module $PesterPath -Force } else { Import-Module Pester -MinimumVersion 5.0 -Force }

# The test files import the module from here, so every run tests the built module, not the sources.
$env:MEDIASYNC_MODULE = (Resolve-Path $ModulePath).ProviderPath
New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath) | Out-Null

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $OutputPath

$result = Invoke-Pester -Configuration $configuration
if ($result.FailedCount -gt 0 -or $result.TotalCount -eq 0) { exit 1 }
exit 0
