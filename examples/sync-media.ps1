#requires -Version 5.1
<#
.SYNOPSIS
    The README's main job in one line: Sync-Media with examples/site/mediasync.json.
.DESCRIPTION
    Does exactly what examples/publish-local.ps1 composes from the cmdlets (Get-MediaFile, Join-MediaBundle,
    Invoke-MediaProcessor Minify -Fingerprint, Compress-MediaFile, Export-MediaManifest -PassThru, Publish-Media
    -Delete), from the settings file beside the site. tests/Pester/Sync-Media.Tests.ps1 checks that both give the same
    destination.
.EXAMPLE
    ./examples/sync-media.ps1            # into ./out/public, printing one summary
    ./examples/sync-media.ps1 -WhatIf    # the whole plan, nothing written
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $SettingsPath = (Join-Path $PSScriptRoot 'site/mediasync.json'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/MediaSync/MediaSync.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

Sync-Media -SettingsPath $SettingsPath -Summary
