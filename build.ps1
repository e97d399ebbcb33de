#requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages the MediaSync module.
.DESCRIPTION
    Build   (default) assembles the importable module into out/MediaSync (psd1, format file, help, bin/net8.0, bin/netstandard2.0).
    Demo    builds, then runs the main job through the real module: examples/sync-media.ps1 (Sync-Media) publishes the example site
            into out/public and prints the summary.
    Test    runs `dotnet test`: the xunit engine and contract tests, and the Pester suite in the pinned pwsh.
    Package rebuilds with esbuild for linux-x64, win-x64 and osx-arm64, zips out/MediaSync into out/MediaSync-<version>.zip,
            publishes it with Publish-PSResource into out/packages (MediaSync.<version>.nupkg: register that folder with
            Register-PSResourceRepository and Install-PSResource MediaSync from it), packs the CLI as a .NET tool
            (ToolPackage), then makes the Azure DevOps extension (Extension).
    ToolPackage packs the mediasync CLI as the .NET tool MediaSync.Cli into out/packages/MediaSync.Cli.<version>.nupkg,
            with esbuild for the same three platforms beside it:
            dotnet tool install --global MediaSync.Cli --version <version> --add-source out/packages
    Extension copies the built module into the pipeline task, stamps the task's version from the module's, and makes
            out/mediasync-<version>.vsix with tfx-cli 0.23.1 from npm.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1
    ./build.ps1 Test
    ./build.ps1 Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Demo', 'Test', 'Package', 'ToolPackage', 'Extension')]
    [string[]] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$module = Join-Path $root 'out/MediaSync'
. (Join-Path $root 'build/ModulePackage.ps1')

# The Azure DevOps extension: the task (its handler, its production node_modules, the module it runs) staged under
# out/vsix, versions stamped from the module's, packed by the pinned tfx-cli.
function New-Extension {
    $version = [version](Test-ModuleManifest (Join-Path $module 'MediaSync.psd1')).Version
    $stage = Join-Path $root 'out/vsix'
    if (Test-Path $stage) { Remove-Item $stage -Recurse -Force }
    New-Item -ItemType Directory -Force $stage | Out-Null
    Copy-Item (Join-Path $root 'azure-devops/vss-extension.json') $stage
    $task = Join-Path $stage 'MediaSyncTask'
    New-Item -ItemType Directory $task | Out-Null
    foreach ($file in 'index.js', 'arguments.js', 'run-mediasync.ps1', 'task.json', 'package.json', 'package-lock.json') {
        Copy-Item (Join-Path $root "azure-devops/MediaSyncTask/$file") $task
    }
    New-Item -ItemType Directory (Join-Path $task 'module') | Out-Null
    Copy-Item $module (Join-Path $task 'module') -Recurse
    & npm ci --prefix $task --omit=dev --no-audit --no-fund --loglevel=error | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'npm ci for the task failed.' }
    $taskJson = Get-Content -Raw (Join-Path $task 'task.json') | ConvertFrom-Json
    $taskJson.version.Major = $version.Major; $taskJson.version.Minor = $version.Minor; $taskJson.version.Patch = [Math]::Max(0, $version.Build)
    $taskJson | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $task 'task.json')
    $manifest = Get-Content -Raw (Join-Path $stage 'vss-extension.json') | ConvertFrom-Json
    $manifest.version = "$($version.Major).$($version.Minor).$([Math]::Max(0, $version.Build))"
    $manifest | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $stage 'vss-extension.json')
    $tools = Join-Path $root 'out/tools/tfx'
    if (-not (Test-Path (Join-Path $tools 'node_modules/.bin/tfx'))) {
        & npm install --prefix $tools --no-audit --no-fund --loglevel=error 'tfx-cli@0.23.1' | Out-Host
        if ($LASTEXITCODE -ne 0) { throw 'npm install tfx-cli@0.23.1 failed.' }
    }
    & (Join-Path $tools 'node_modules/.bin/tfx') extension create --root $stage --manifest-globs vss-extension.json --output-path (Join-Path $root 'out') --no-prompt | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'tfx extension create failed.' }
    Get-ChildItem (Join-Path $root 'out') -Filter '*.vsix' | Sort-Object LastWriteTime | Select-Object -Last 1
}

# The CLI as a .NET tool (MediaSync.Cli, command mediasync), its version the module's, esbuild for every platform beside it.
function New-ToolPackage {
    $packages = Join-Path $root 'out/packages'
    Invoke-Dotnet pack (Join-Path $root 'src/MediaSync.Cli/MediaSync.Cli.csproj') -c $Configuration -o $packages '-p:EsbuildRids=linux-x64+win-x64+osx-arm64' | Out-Host
    # the version the project file reads from the manifest the same way (Import-PowerShellDataFile cannot read it)
    $version = [regex]::Match((Get-Content -Raw (Join-Path $root 'module/MediaSync.psd1')), "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
    $package = Join-Path $packages "MediaSync.Cli.$version.nupkg"
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
    try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
    foreach ($rid in 'linux-x64', 'win-x64', 'osx-arm64') {
        if (-not ($entries -like "tools/*/any/runtimes/$rid/esbuild*")) { throw "esbuild for $rid is missing from $package." }
    }
    Get-Item $package
}

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
            $version = (Import-PowerShellDataFile (Join-Path $module 'MediaSync.psd1')).ModuleVersion
            $zip = Join-Path $root "out/MediaSync-$version.zip"
            if (Test-Path $zip) { Remove-Item $zip }
            Compress-Archive -Path $module -DestinationPath $zip
            Write-Host "Packaged $zip"
            Write-Host "Packaged $((New-ModulePackage -ModulePath $module -OutputFolder (Join-Path $root 'out/packages')).FullName)"
            Write-Host "Packaged $(New-ToolPackage)"
            Write-Host "Packaged $(New-Extension)"
        }
        'ToolPackage' {
            Write-Host "Packaged $(New-ToolPackage)"
        }
        'Extension' {
            if (-not (Test-Path (Join-Path $module 'MediaSync.psd1'))) {
                Invoke-Dotnet build (Join-Path $root 'src/MediaSync.PowerShell/MediaSync.PowerShell.csproj') -c $Configuration
            }
            Write-Host "Packaged $(New-Extension)"
        }
    }
}
