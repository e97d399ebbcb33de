# Shared by the *.Tests.ps1 files (dot-sourced in BeforeAll): imports the BUILT module and writes test files.
$modulePath = if ($env:MEDIASYNC_MODULE) { $env:MEDIASYNC_MODULE } else { Join-Path $PSScriptRoot '../../out/MediaSync' }
Import-Module (Join-Path $modulePath 'MediaSync.psd1') -Force

# Writes through .NET so that names with [ ] % and the like are taken literally.
function New-TestFile([string] $Path, [string] $Content = 'x') {
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($full)) | Out-Null
    [System.IO.File]::WriteAllText($full, $Content)
}

# A local HTTP server playing an Azure Blob service that refuses, echoing each request's URL (SAS signature and all)
# in its error: the xunit tests' own (tests/Unit/Support/EchoingBlobServer.cs), compiled once per session.
function New-EchoingBlobServer([switch] $ListingWorks) {
    if (-not ('MediaSync.Tests.Support.EchoingBlobServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../Unit/Support/EchoingBlobServer.cs') -IgnoreWarnings
    }
    [MediaSync.Tests.Support.EchoingBlobServer]::new([bool] $ListingWorks)
}

# Everything an error record can show when printed in full: the record, its exception chain, target and details.
function Get-ErrorRecordText([System.Management.Automation.ErrorRecord] $Record) {
    $texts = @(
        $Record | Format-List * -Force | Out-String -Width 4096
        $Record | Out-String -Width 4096
        $Record.Exception.ToString()
        "$($Record.TargetObject)"
        $Record.CategoryInfo | Format-List * -Force | Out-String -Width 4096
        "$($Record.ErrorDetails)"
        $Record.Exception.Error | Format-List * -Force | Out-String -Width 4096
    )
    for ($e = $Record.Exception; $e; $e = $e.InnerException) { $texts += $e | Format-List * -Force | Out-String -Width 4096 }
    $texts -join "`n"
}
