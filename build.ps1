#requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages the MediaSync module.
.DESCRIPTION
    Build   (default) assembles the importable module into out/MediaSync (psd1, format file, help, bin/net8.0, bin/netstandard2.0).
    Demo    builds, then runs the main job through the real module: examples/sync-media.ps1 (Sync-Media) publishes the example site
            into out/public and prints the summary.
    Test    runs `dotnet test`: the xunit engine and contract tests, and the Pester suite in the pinned pwsh.
    Package rebuilds with esbuild for linux-x64, win-x64 and osx-arm64 and zips out/MediaSync into out/MediaSync-<version>.zip.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1
    ./build.ps1 Test
    ./build.ps1 Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Demo', 'Test', 'Package')]
    [string[]] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$module = Join-Path $root 'out/MediaSync'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' {
            # Building the cmdlet project for every target framework copies each build into out/MediaSync/bin/<tfm>.
            if (Test-Path $module) { Remove-Item $module -Recurse -Force }
            Invoke-Dotnet build (Join-Path $root 'src/MediaSync.PowerShell/MediaSync.PowerShell.csproj') -c $Configuration
            Write-Host "Module assembled in $module"
        }
        'Demo' {
            if (-not (Test-Path (Join-Path $module 'MediaSync.psd1'))) {
                Invoke-Dotnet build (Join-Path $root 'src/MediaSync.PowerShell/MediaSync.PowerShell.csproj') -c $Configuration
            }
            $summary = & (Join-Path $root 'examples/sync-media.ps1')
            $summary | Out-Host
            if ($summary.Failed -gt 0) { throw "The example publish failed for $($summary.Failed) file(s)." }
        }
        'Test' {
            Invoke-Dotnet test (Join-Path $root 'MediaSync.sln')
        }
        'Package' {
            # A package ships esbuild for every platform it supports, fetched from npm by the build.
            if (Test-Path $module) { Remove-Item $module -Recurse -Force }
            Invoke-Dotnet build (Join-Path $root 'src/MediaSync.PowerShell/MediaSync.PowerShell.csproj') -c $Configuration '-p:EsbuildRids=linux-x64+win-x64+osx-arm64'
            foreach ($rid in 'linux-x64', 'win-x64', 'osx-arm64') {
                if (-not (Get-ChildItem (Join-Path $module "runtimes/$rid") -Filter 'esbuild*' -ErrorAction SilentlyContinue)) { throw "esbuild for $rid is missing from the package." }
            }
            # Test-ModuleManifest understands the manifest's $PSEdition switch; Import-PowerShellDataFile does not.
            $version = (Test-ModuleManifest (Join-Path $module 'MediaSync.psd1')).Version
            $zip = Join-Path $root "out/MediaSync-$version.zip"
            if (Test-Path $zip) { Remove-Item $zip }
            Compress-Archive -Path $module -DestinationPath $zip
            Write-Host "Packaged $zip"
        }
    }
}
