@{
    # Windows PowerShell 5.1 loads the netstandard2.0 build; PowerShell 7.4+ loads net8.0 (symbolic links, brotli).
    RootModule           = if ($PSEdition -eq 'Core') { 'bin/net8.0/MediaSync.PowerShell.dll' } else { 'bin/netstandard2.0/MediaSync.PowerShell.dll' }
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c53f4-8a4e-4b57-9d3e-2f1a6c7e9b21'
    Author               = 'MediaSync contributors'
    CompanyName          = 'MediaSync'
    Copyright            = '(c) MediaSync contributors. MIT License.'
    Description          = 'Deploys a web project''s static media (CSS, JS, images, fonts): discover, process, bundle and publish to a folder or a store, uploading only what changed.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('MediaSync.Format.ps1xml')
    CmdletsToExport      = @(
        'Compress-MediaFile'
        'Export-MediaManifest'
        'Get-MediaFile'
        'Get-MediaSyncSetting'
        'Get-MediaTag'
        'Get-MediaUrl'
        'Invoke-MediaProcessor'
        'Join-MediaBundle'
        'New-MediaStore'
        'Publish-Media'
        'Set-MediaSyncSetting'
        'Start-MediaServer'
        'Sync-Media'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('static', 'media', 'deploy', 'publish', 'css', 'javascript', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
