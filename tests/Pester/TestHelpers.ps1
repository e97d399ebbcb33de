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

# The project of issue 24, in a fresh folder under TestDrive: README.md, main.cs, media/css/{a.css,b.css,i.png}.
function New-OverlapProject {
    $project = Join-Path $TestDrive ('project-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-TestFile (Join-Path $project README.md) '# readme'
    New-TestFile (Join-Path $project main.cs) 'class Main { }'
    New-TestFile (Join-Path $project media/css/a.css) 'a { color: red; }'
    New-TestFile (Join-Path $project media/css/b.css) 'b { color: blue; }'
    [IO.File]::WriteAllBytes((Join-Path $project media/css/i.png), [byte[]](0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3))
    $project
}

# Every folder and file below $Folder, each file with its SHA256: the same before and after means nothing changed.
function Get-TreeState([string] $Folder) {
    Get-ChildItem -LiteralPath $Folder -Recurse -Force | Sort-Object FullName | ForEach-Object {
        $relative = [IO.Path]::GetRelativePath($Folder, $_.FullName).Replace('\', '/')
        if ($_.PSIsContainer) { "$relative/" } else { "$relative=$((Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash)" }
    }
}
