#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module as a user gets it from a gallery: the .nupkg build.ps1 -Task Package makes (the same New-ModulePackage),
# in a folder registered as a repository, Install-PSResource into the CurrentUser scope of a throwaway home, then
# Import-Module by name in a fresh pwsh, and the main job. Each step runs in a pwsh of its own (a background job) with
# HOME pointing at the throwaway home, so the real user's repositories and modules are never touched.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:userHome = (New-Item -ItemType Directory -Force TestDrive:\home).FullName
    # .NET names no data folder that does not exist (PSResourceGet would then keep its repositories in the current
    # folder), so the throwaway home has them from the start
    foreach ($folder in '.local/share', '.config', '.cache') { New-Item -ItemType Directory -Force (Join-Path $userHome $folder) | Out-Null }
    $script:site = (New-Item -ItemType Directory -Force TestDrive:\work).FullName
    Copy-Item (Join-Path $PSScriptRoot '../../examples/site') (Join-Path $site 'site') -Recurse

    # Runs $Script in a fresh pwsh whose home (and so its CurrentUser scope and repository list) is the throwaway one.
    function Invoke-AtHome([scriptblock] $Script, [object[]] $Arguments = @()) {
        $saved = $env:HOME, $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME, $env:XDG_CACHE_HOME, $env:PSModulePath
        try {
            $env:HOME = $userHome
            $env:XDG_DATA_HOME = Join-Path $userHome '.local/share'
            $env:XDG_CONFIG_HOME = Join-Path $userHome '.config'
            $env:XDG_CACHE_HOME = Join-Path $userHome '.cache'
            # only pwsh's own modules: nothing the developer installed can stand in for the package
            $env:PSModulePath = Join-Path $PSHOME 'Modules'
            $job = Start-Job -ScriptBlock $Script -ArgumentList $Arguments
        }
        finally { $env:HOME, $env:XDG_DATA_HOME, $env:XDG_CONFIG_HOME, $env:XDG_CACHE_HOME, $env:PSModulePath = $saved }
        $job | Wait-Job -Timeout 300 | Out-Null
        try { $job | Receive-Job -ErrorAction Stop } finally { $job | Remove-Job -Force }
    }
}

# Tagged CoreOnly: the netstandard2.0 run tests a copy of the module whose manifest is rewritten to force-load that
# build, which is not what ships; the package holds both builds, and MediaSync.psm1 picks one by edition.
Describe 'The Gallery package' -Tag CoreOnly {
    It 'is made by Publish-PSResource, installs with Install-PSResource, imports by name in a fresh pwsh and runs the main job' {
        $repository = Join-Path $TestDrive 'repository'
        # made at the throwaway home too: New-ModulePackage registers its folder as a repository for the call
        $package = Invoke-AtHome {
            param($builder, $module, $repository)
            . $builder
            New-ModulePackage -ModulePath $module -OutputFolder $repository
        } -Arguments (Join-Path $PSScriptRoot '../../build/ModulePackage.ps1'), $modulePath, $repository
        $version = (Import-PowerShellDataFile (Join-Path $modulePath 'MediaSync.psd1')).ModuleVersion
        $package.Name | Should -Be "MediaSync.$version.nupkg"

        $installed = Invoke-AtHome {
            param($repository)
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name Local -Uri $repository -Trusted
            Install-PSResource MediaSync -Repository Local -Scope CurrentUser -TrustRepository -Reinstall
            Get-InstalledPSResource MediaSync -Scope CurrentUser | Select-Object Name, Version, InstalledLocation
        } -Arguments $repository
        $installed.Name | Should -Be 'MediaSync'
        "$($installed.Version)" | Should -Be $version
        $installed.InstalledLocation | Should -BeLike "$userHome*"
        Test-Path (Join-Path $userHome '.local/share/PSResourceGet/PSResourceRepository.xml') | Should -BeTrue

        $run = Invoke-AtHome {
            param($site)
            $ErrorActionPreference = 'Stop'
            Set-Location $site
            Import-Module MediaSync
            $summary = Sync-Media -Settings @{
                Roots = './site/media'; Apps = './site/apps/blog', './site/apps/shop'
                Bundles = @{ 'css/all.css' = 'css/site.css', 'blog/blog.css' }
                Processors = 'Minify'; Fingerprint = $true; Compress = $true; Delete = $true
            } -Summary
            [pscustomobject]@{
                ModuleBase = (Get-Module MediaSync).ModuleBase
                Commands   = @(Get-Command -Module MediaSync).Count
                Created    = $summary.Created
                Failed     = $summary.Failed
                Completion = @((TabExpansion2 -inputScript 'Invoke-MediaProcessor ' -cursorColumn 22).CompletionMatches.CompletionText)
                Help       = (Get-Help Sync-Media).Synopsis
            }
        } -Arguments $site
        $run.ModuleBase | Should -BeLike "$userHome*"
        $run.Commands | Should -Be 13
        $run.Failed | Should -Be 0
        $run.Created | Should -BeGreaterThan 0
        $run.Completion | Should -Be @('Fingerprint', 'Minify')
        $run.Help | Should -Match '^Runs the whole deployment'
        $manifest = Get-Content -Raw (Join-Path $site 'out/public/manifest.json') | ConvertFrom-Json
        $manifest.files.'css/all.css'.key | Should -Match '^css/all\.[0-9a-f]{8}\.css$'
    }

    It 'has a manifest of plain data, which Import-PowerShellDataFile, Test-ModuleManifest and Publish-PSResource all accept' {
        $data = Import-PowerShellDataFile (Join-Path $modulePath 'MediaSync.psd1')
        $data.RootModule | Should -Be 'MediaSync.psm1'
        $data.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        (Test-ModuleManifest (Join-Path $modulePath 'MediaSync.psd1')).ExportedCmdlets.Count | Should -Be 13
    }
}
