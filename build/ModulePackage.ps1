# The module's .nupkg as the PowerShell Gallery and Install-PSResource take it: Publish-PSResource into a folder,
# registered as a repository for the call. build.ps1 -Task Package and tests/Pester/Package.Tests.ps1 both use this.
function New-ModulePackage {
    [CmdletBinding()]
    param(
        # the built module folder, named MediaSync (out/MediaSync)
        [Parameter(Mandatory)] [string] $ModulePath,
        # the folder that receives MediaSync.<version>.nupkg; it can then be registered as a repository itself
        [Parameter(Mandatory)] [string] $OutputFolder
    )
    $version = (Import-PowerShellDataFile (Join-Path $ModulePath 'MediaSync.psd1')).ModuleVersion
    $OutputFolder = (New-Item -ItemType Directory -Force -Path $OutputFolder).FullName
    $package = Join-Path $OutputFolder "MediaSync.$version.nupkg"
    if (Test-Path $package) { Remove-Item $package }
    $repository = 'MediaSyncBuild-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repository -Uri $OutputFolder -Trusted
    try { Publish-PSResource -Path $ModulePath -Repository $repository -ErrorAction Stop }
    finally { Unregister-PSResourceRepository -Name $repository }
    Get-Item $package
}
