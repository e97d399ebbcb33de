@{
    # MediaSync.psm1 loads the build for the edition: netstandard2.0 in Windows PowerShell 5.1, net8.0 in PowerShell
    # 7.4+. This file stays plain data (no edition switch here), which Import-PowerShellDataFile reads.
    RootModule           = 'MediaSync.psm1'
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
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = '0.1.0: the first release. Sync-Media and the cmdlets it composes (discover, bundle, minify, fingerprint, compress, manifest, publish to a folder, S3, Azure Blob, Swift or a store written in PowerShell), tab completion of keys, processors and manifest paths. Get-Help about_MediaSync tells the whole story.'
            # None, on purpose: ProjectUri and IconUri must be public URLs, and this project has no public repository
            # or site yet (no git remote, no published docs), nor an icon; the Gallery shows a generic icon and no
            # project link until one exists.
        }
    }
    # None, on purpose: the help ships in the module (en-US), and there is no server for Update-Help to fetch from.
    # HelpInfoURI = ''
}
