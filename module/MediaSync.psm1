# Loads the cmdlets built for this edition: netstandard2.0 for Windows PowerShell 5.1, net8.0 for PowerShell 7.4+
# (symbolic links, brotli, the AWS and Azure SDKs in load contexts of their own). A script module does the choosing, as
# PSScriptAnalyzer's does, so that MediaSync.psd1 stays plain data that Import-PowerShellDataFile and a gallery's
# scan accept. What is exported is the manifest's CmdletsToExport.
$framework = if ($PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }
$cmdlets = Import-Module (Join-Path $PSScriptRoot "bin/$framework/MediaSync.PowerShell.dll") -PassThru
$ExecutionContext.SessionState.Module.OnRemove = { Remove-Module -ModuleInfo $cmdlets }
