<#
.SYNOPSIS
    The PowerShell side of the MediaSync pipeline task: runs Sync-Media or Publish-Media and prints one line,
    "##mediasync-result <json>", that the Node handler reads. It never prints secrets.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateSet('sync', 'publish')] [string] $Command = 'sync',
    [string] $SettingsPath, [string] $MediaPath, [string] $Destination,
    [string] $Bucket, [string] $Prefix, [string] $Region, [string] $Endpoint,
    [switch] $WhatIfRun, [switch] $DeleteOrphans, [string] $MaxDelete, [string] $MaxDeletePercent,
    [string] $Shard, [switch] $DeleteOnly,
    [string] $ExtraArguments
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$options = @{ ErrorAction = 'Continue'; ErrorVariable = 'failures' }
if ($WhatIfRun) { $options.WhatIf = $true }
if ($DeleteOrphans) { $options.Delete = $true }
if ($MaxDelete) { $options.MaxDelete = [int]$MaxDelete }
if ($Shard) { $options.Shard = $Shard }
if ($DeleteOnly) { $options.DeleteOnly = $true }
# Extra arguments ("-Checksum -ThrottleLimit 8") are parsed as PowerShell parses them, never run as code.
if ($ExtraArguments) {
    $parsed = [System.Management.Automation.Language.Parser]::ParseInput("x $ExtraArguments", [ref]$null, [ref]$null)
    $elements = @($parsed.EndBlock.Statements[0].PipelineElements[0].CommandElements | Select-Object -Skip 1)
    for ($i = 0; $i -lt $elements.Count; $i++) {
        if ($elements[$i] -isnot [System.Management.Automation.Language.CommandParameterAst]) { throw "Extra arguments take -Name [value] pairs: '$($elements[$i])'." }
        $name = $elements[$i].ParameterName
        $next = if ($i + 1 -lt $elements.Count) { $elements[$i + 1] }
        if ($null -ne $next -and $next -isnot [System.Management.Automation.Language.CommandParameterAst]) { $options[$name] = $next.SafeGetValue(); $i++ }
        else { $options[$name] = $true }
    }
}

# A refusal before any file (a destination over its sources, bad settings, a missing bucket) is a terminating error:
# it is reported in the result line with its id, like a file's error, so the handler fails the task naming it.
$refused = $null
$results = @()
$manifest = ''
try {
    if ($Command -eq 'sync') {
        $overrides = @{}
        if ($Bucket) {
            $store = @{ Type = 'S3'; Bucket = $Bucket }
            if ($Prefix) { $store.Prefix = $Prefix }
            if ($Region) { $store.Region = $Region }
            if ($Endpoint) { $store.EndpointUrl = $Endpoint; $store.ForcePathStyle = $true }
            $overrides.Store = $store
        }
        if ($MaxDeletePercent) { $overrides.MaxDeletePercent = [int]$MaxDeletePercent }
        if ($SettingsPath) { $options.SettingsPath = $SettingsPath }
        # A part of a matrix never deletes; the settings' Delete is the deleteOnly job's to do. The delete input is still refused.
        if ($Shard -and -not $DeleteOrphans) { $options.Delete = $false }
        if ($overrides.Count) { $options.Settings = $overrides }
        $settings = if ($SettingsPath) { Get-MediaSyncSetting -SettingsPath $SettingsPath } else { Get-MediaSyncSetting }
        $manifest = if ($Bucket -and -not $settings.Manifest) { Join-Path $settings.BaseFolder 'out/manifest.json' } else { $settings.ManifestPath }
        $results = @(Sync-Media @options)
    }
    else {
        if ($Bucket) {
            $s3 = @{ S3 = $true; Bucket = $Bucket }
            if ($Prefix) { $s3.Prefix = $Prefix }
            if ($Region) { $s3.Region = $Region }
            if ($Endpoint) { $s3.EndpointUrl = $Endpoint; $s3.ForcePathStyle = $true }
            $options.Store = New-MediaStore @s3
            if ($MaxDeletePercent) { $options.MaxDeletePercent = [int]$MaxDeletePercent }
        }
        else { $options.Destination = $Destination }
        $options.LiteralPath = $MediaPath
        $manifest = ''
        $results = @(Publish-Media @options)
    }
}
catch { $refused = $_ }
$errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
foreach ($record in @($failures) + @($refused)) { if ($record -is [System.Management.Automation.ErrorRecord] -and -not $errors.Contains($record)) { $errors.Add($record) } }

$count = { param($action) @($results | Where-Object Action -eq $action).Count }
$kept = @($results | Where-Object { $_.Action -eq 'Skipped' -and $_.Reason -eq 'Orphan' }).Count
[ordered]@{
    uploaded     = (& $count 'Created') + (& $count 'Updated') + (& $count 'Linked')
    skipped      = (& $count 'Skipped') - $kept
    deleted      = & $count 'Deleted'
    failed       = & $count 'Failed'
    orphansKept  = $kept
    whatIf       = [bool]$WhatIfRun
    manifestPath = $manifest
    changed      = @($results | Where-Object { $_.Action -ne 'Skipped' } | ForEach-Object { [ordered]@{ action = "$($_.Action)"; reason = "$($_.Reason)"; key = $_.RelativePath } })
    errors       = @($errors | ForEach-Object { [ordered]@{ id = ($_.FullyQualifiedErrorId -split ',')[0]; key = "$($_.TargetObject)"; message = $_.Exception.Message } })
} | ConvertTo-Json -Depth 4 -Compress | ForEach-Object { "##mediasync-result $_" }
