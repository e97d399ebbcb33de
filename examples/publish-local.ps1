#requires -Version 5.1
<#
.SYNOPSIS
    Publishes the example site (a media root and two apps) into a local folder.
.EXAMPLE
    ./examples/publish-local.ps1                      # into ./out/public
    ./examples/publish-local.ps1 -Mode Link -WhatIf  # see what linking would do
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Destination = (Join-Path $PSScriptRoot '../out/public'),
    [ValidateSet('Copy', 'Link')] [string] $Mode = 'Copy'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/MediaSync/MediaSync.psd1')

$site = Join-Path $PSScriptRoot 'site'
# The project root wins over apps; earlier apps win over later ones. Minify with the module's esbuild, add gzip and
# brotli twins, and publish only what changed.
$files = Get-MediaFile -Path (Join-Path $site 'media') -App (Join-Path $site 'apps/blog'), (Join-Path $site 'apps/shop')
if ($Mode -eq 'Copy') { $files = $files | Invoke-MediaProcessor | Compress-MediaFile }   # links point at sources, so they stay as found
$files | Publish-Media -Destination $Destination -Mode $Mode -Delete -Summary
