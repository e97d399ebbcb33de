# Shared by the *.Tests.ps1 files (dot-sourced in BeforeAll): imports the BUILT module and writes test files.
$modulePath = if ($env:MEDIASYNC_MODULE) { $env:MEDIASYNC_MODULE } else { Join-Path $PSScriptRoot '../../out/MediaSync' }
Import-Module (Join-Path $modulePath 'MediaSync.psd1') -Force

# Writes through .NET so that names with [ ] % and the like are taken literally.
function New-TestFile([string] $Path, [string] $Content = 'x') {
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($full)) | Out-Null
    [System.IO.File]::WriteAllText($full, $Content)
}
