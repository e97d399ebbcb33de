#requires -Version 5.1
<#
.SYNOPSIS
    Publishes the example site (a media root and two apps) into a local folder: the README's main job.
.DESCRIPTION
    Project media wins over app media; CSS is bundled, everything minified and fingerprinted, gzip/brotli twins are
    added, manifest.json is written and published with the files, and only what changed is copied. Orphans are
    removed (-Delete), never the manifest.
.EXAMPLE
    ./examples/publish-local.ps1                      # into ./out/public, printing one summary
    ./examples/publish-local.ps1 -Mode Link -WhatIf  # see what linking would do
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Destination = (Join-Path $PSScriptRoot '../out/public'),
    [ValidateSet('Copy', 'Link')] [string] $Mode = 'Copy',
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/MediaSync/MediaSync.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$site = Join-Path $PSScriptRoot 'site'
$files = Get-MediaFile -Path (Join-Path $site 'media') -App (Join-Path $site 'apps/blog'), (Join-Path $site 'apps/shop')
if ($Mode -eq 'Link') {
    # Links point at the sources, so they stay as found.
    $files | Publish-Media -Destination $Destination -Mode Link -Delete -Summary
    return
}
$files |
    Join-MediaBundle css/all.css css/site.css, blog/blog.css |
    Invoke-MediaProcessor Minify -Fingerprint |
    Compress-MediaFile |
    Export-MediaManifest (Join-Path $Destination 'manifest.json') -PassThru |
    Publish-Media -Destination $Destination -Delete -Summary
