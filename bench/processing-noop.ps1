# Called by bench/processing-noop.sh: times, in this one warm process, an initial Sync-Media (Minify, Fingerprint,
# Compress, folder store) of a copy of the real-world site, then no-op re-runs against a plain Publish-Media no-op of
# its published output plus a discovery of the source. Prints one JSON object of medians (seconds).
param([string]$Work, [string]$Module, [int]$Rounds = 5)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$site = Join-Path $Work 'site'
$settings = @{ Roots = @("$site/media"); Processors = @('Minify'); Fingerprint = $true; Compress = $true
    Store = @{ Type = 'Folder'; Path = "$Work/public" }; CachePath = "$Work/cache" }
function Time([scriptblock]$run) { $w = [Diagnostics.Stopwatch]::StartNew(); & $run | Out-Null; $w.Elapsed.TotalSeconds }
function Median($xs) { $s = @($xs | Sort-Object); $s[[int][math]::Floor($s.Count / 2)] }
Push-Location $Work
try {
    $initial = Time { Sync-Media -Settings $settings -Summary }
    # warm-up: the first run in a process pays JIT for each command
    Time { Sync-Media -Settings $settings -Summary } | Out-Null
    Time { Get-MediaFile "$Work/public" -Force | Publish-Media -Destination "$Work/other" } | Out-Null
    $noop = 1..$Rounds | ForEach-Object { Time { Sync-Media -Settings $settings -Summary } }
    $publish = 1..$Rounds | ForEach-Object { Time { Get-MediaFile "$Work/public" -Force | Publish-Media -Destination "$Work/other" } }
    $discover = 1..$Rounds | ForEach-Object { Time { Get-MediaFile "$site/media" -Force } }
    $last = Sync-Media -Settings $settings -Summary
    [ordered]@{ initial = $initial; noop = (Median $noop); publish = (Median $publish); discover = (Median $discover)
        noopAll = $noop; publishAll = $publish; discoverAll = $discover; lastSummary = "$last" } | ConvertTo-Json -Compress
} finally { Pop-Location }
