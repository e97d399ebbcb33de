#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Issue 26's "done means" on the real corpus (../shared/real-world): Sync-Media with Minify, Fingerprint and Compress,
# an independent reference checker over the output, and the site's page in headless Chromium (tests/Pester/browser).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $browser = Join-Path $PSScriptRoot 'browser'
    $real = if ($env:MEDIASYNC_REAL_WORLD) { $env:MEDIASYNC_REAL_WORLD } else { Join-Path $PSScriptRoot '../../../shared/real-world' }
    if (-not (Test-Path (Join-Path $real 'site/media'))) { throw "The real-world corpus is missing: $real (set MEDIASYNC_REAL_WORLD)" }
    if (-not (Get-Command chromium -ErrorAction SilentlyContinue)) { throw 'chromium is missing: it is a README prerequisite (scripts/prerequisites.sh install)' }
    $work = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "mediasync-real-world-$PID")).FullName
    Copy-Item -Recurse (Join-Path $real 'site/media') (Join-Path $work 'media')
    $html = Get-Content -Raw (Join-Path $real 'site/index.html')

    # One clean Sync-Media of the copy in its own working folder (so any cache is its own), into FOLDER/public.
    function Invoke-RealWorldSync([string] $Folder) {
        New-Item -ItemType Directory -Force $Folder | Out-Null
        Push-Location $Folder
        try {
            Sync-Media -Settings @{ Roots = (Join-Path $work 'media'); Store = @{ Path = './public' }; Processors = 'Minify'
                Fingerprint = $true; Compress = $true; MediaUrl = '/media/' } -WarningAction SilentlyContinue | Out-Null
        }
        finally { Pop-Location }
        Join-Path $Folder 'public'
    }

    # The page pointing at what Settings publish: every media/<logical path> (attributes, srcset, the <style> url(),
    # the import map) becomes Get-MediaUrl's URL for it.
    function ConvertTo-RenderedPage([hashtable] $Settings, [string] $AcceptEncoding) {
        [regex]::Replace($html, '(?<=["''(\s,])(?:\./)?media/([\w@./-]+)', {
                param($match)
                $url = @{ Path = $match.Groups[1].Value; Settings = $Settings; ErrorAction = 'Stop' }
                if ($AcceptEncoding) { $url.AcceptEncoding = $AcceptEncoding }
                Get-MediaUrl @url
            })
    }

    # A node script's standard output, parsed as JSON.
    function Invoke-NodeJson([string[]] $Arguments) {
        $out = & node @Arguments
        if ($LASTEXITCODE -ne 0) { throw "node $Arguments exited with $LASTEXITCODE" }
        ($out -join "`n") | ConvertFrom-Json -Depth 10
    }

    # browser/serve.mjs over PAGES and MEDIA in the background; stopped by closing its standard input.
    function Start-StaticServer([string] $Pages, [string] $Media) {
        $log = Join-Path $work "requests-$([guid]::NewGuid()).jsonl"
        $start = [Diagnostics.ProcessStartInfo]::new('node')
        foreach ($a in (Join-Path $browser 'serve.mjs'), $Pages, $Media, '/media/', $log) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardInput = $start.RedirectStandardOutput = $true
        $process = [Diagnostics.Process]::Start($start)
        [pscustomobject]@{ Process = $process; Port = [int]$process.StandardOutput.ReadLine(); Log = $log }
    }
    function Stop-StaticServer($Server) {
        $Server.Process.StandardInput.Close()
        if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
    }
    function Get-ServedRequests($Server) { Get-Content $Server.Log | ForEach-Object { $_ | ConvertFrom-Json } }

    # What Chromium saw: the requests that did not end in 2xx/304, as text, those the server refused first (the ones
    # aborted after them are mostly a module graph giving up).
    function Get-FailedRequests($Report) {
        $Report.requests | Where-Object { $_.failed -or -not ($_.status -ge 200 -and $_.status -lt 300 -or $_.status -eq 304) } |
            Sort-Object { -not $_.status } | ForEach-Object { "$($_.url) -> $((@($_.status, $_.failed) | Where-Object { $_ }) -join ' ')" }
    }
    function Get-PageReport([string] $Url) { Invoke-NodeJson (Join-Path $browser 'load-page.mjs'), $Url }

    $published = Invoke-RealWorldSync (Join-Path $work 'one')
    $settings = @{ Roots = (Join-Path $work 'media'); Store = @{ Path = $published }; Fingerprint = $true; MediaUrl = '/media/' }
    New-Item -ItemType Directory (Join-Path $work 'pages') | Out-Null
    Set-Content (Join-Path $work 'pages/index.html') (ConvertTo-RenderedPage $settings)
    $server = Start-StaticServer (Join-Path $work 'pages') $published
    $report = Get-PageReport "http://127.0.0.1:$($server.Port)/"
}

AfterAll {
    if ($server) { Stop-StaticServer $server }
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'Sync-Media of the real-world site with Minify, Fingerprint and Compress' {
    It 'publishes CSS and JS whose every reference resolves (relative, and root-relative under MediaUrl)' {
        $checked = Invoke-NodeJson '--experimental-vm-modules', (Join-Path $browser 'check-refs.mjs'), $published, '/media/', (Join-Path $work 'media')
        $checked.files | Should -BeGreaterThan 400 -Because 'the checker walks every published CSS and JS file'
        $broken = @($checked.unresolved | ForEach-Object { "$($_.file): $($_.kind) $($_.reference)" })
        $broken | Select-Object -First 20 | Should -BeNullOrEmpty -Because "$($broken.Count) of $($checked.references) references do not resolve (the first 20 are listed; $($checked.excused) that do not resolve in the source either are left out)"
    }

    It 'gives byte-identical output on a second clean run' {
        $again = Invoke-RealWorldSync (Join-Path $work 'two')
        $tree = { param($root) Get-ChildItem -Recurse -File $root | Sort-Object FullName |
                ForEach-Object { "$([IO.Path]::GetRelativePath($root, $_.FullName)) $((Get-FileHash $_.FullName -Algorithm SHA256).Hash)" } }
        $first = & $tree $published; $second = & $tree $again
        $first.Count | Should -BeGreaterThan 700
        $different = @(Compare-Object $first $second | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" })
        $different | Select-Object -First 20 | Should -BeNullOrEmpty -Because "$($different.Count) lines of the two trees differ"
    }
}

Describe 'The real-world page over the published site, in headless Chromium' {
    It 'loads with no failed request' {
        $report.error | Should -BeNullOrEmpty
        $report.requests.Count | Should -BeGreaterThan 50
        $failed = @(Get-FailedRequests $report)
        $failed | Select-Object -First 20 | Should -BeNullOrEmpty -Because "$($failed.Count) of $($report.requests.Count) requests failed"
    }

    It 'loads its Inter and KaTeX fonts and every image' {
        $loaded = $report.fonts | Where-Object status -eq 'loaded' | ForEach-Object family
        $loaded | Should -Contain 'Inter'
        # KaTeX's faces load only once the module script has rendered #math
        $loaded | Where-Object { $_ -like 'KaTeX_*' } | Should -Not -BeNullOrEmpty -Because "only $(@($loaded | Sort-Object -Unique) -join ', ') loaded"
        $report.fonts | Where-Object status -eq 'error' | ForEach-Object { "$($_.family) $($_.weight)" } | Should -BeNullOrEmpty
        $report.images.Count | Should -BeGreaterThan 5
        $report.images | Where-Object naturalWidth -eq 0 | ForEach-Object src | Should -BeNullOrEmpty
    }

    It 'runs its module script (KaTeX, lit-html and Preact through the import map) with no console error' {
        $report.errors | Select-Object -First 5 | Should -BeNullOrEmpty -Because 'the console shows no error'
        $report.content.math | Should -BeLike '*i = 45*'
        $report.content.lit | Should -Be 'ticks: 2, 4, 6, 8'
        $report.content.preact | Should -Be 'preact clicks: 0'
    }

    It 'with -AcceptEncoding URLs, receives .br bytes (.gz on netstandard2.0) with their Content-Encoding and decodes them' {
        # Chromium once advertised br to secure contexts only; Debian's Chromium 156 sends 'gzip, deflate, br, zstd' to
        # http://127.0.0.1 too (seen here), and this says so if that changes
        $served = Get-ServedRequests $server | Where-Object path -eq '/'
        $served[0].acceptEncoding | Should -BeLike '*br*'
        Set-Content (Join-Path $work 'pages/br.html') (ConvertTo-RenderedPage $settings -AcceptEncoding 'gzip, deflate, br')
        $before = @(Get-ServedRequests $server).Count
        $brReport = Get-PageReport "http://127.0.0.1:$($server.Port)/br.html"
        $requests = @(Get-ServedRequests $server | Select-Object -Skip $before)
        # the netstandard2.0 build (Windows PowerShell 5.1) makes gzip twins only, so there the best twin is .gz
        $twin = if ($env:MEDIASYNC_FRAMEWORK -eq 'netstandard2.0') { @{ Suffix = '*.gz'; Encoding = 'gzip' } } else { @{ Suffix = '*.br'; Encoding = 'br' } }
        $br = @($requests | Where-Object { $_.path -like $twin.Suffix -and $_.contentEncoding -eq $twin.Encoding -and $_.status -eq 200 })
        $br.Count | Should -BeGreaterThan 10 -Because "the page links its CSS and JS by their $($twin.Encoding) twins"
        @(Get-FailedRequests $brReport) | Select-Object -First 20 | Should -BeNullOrEmpty
        $brReport.content.lit | Should -Be 'ticks: 2, 4, 6, 8'
        $brReport.fonts | Where-Object status -eq 'loaded' | ForEach-Object family | Should -Contain 'Inter'
    }
}

Describe 'The real-world page over the source media, from Start-MediaServer' {
    BeforeAll {
        # the page is one more root, so it is served at /page/index.html, same-origin with the media, which the dev
        # server serves under MediaUrl's path as Get-MediaUrl renders it
        $devSettings = @{ Roots = (Join-Path $work 'media'); MediaUrl = '/static/' }
        New-Item -ItemType Directory -Force (Join-Path $work 'dev/page') | Out-Null
        Set-Content (Join-Path $work 'dev/page/index.html') (ConvertTo-RenderedPage $devSettings)
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $job = Start-MediaServer (Join-Path $work 'media'), (Join-Path $work 'dev') -Port $port -AsJob -Settings $devSettings
        $devReport = Get-PageReport "http://127.0.0.1:$port/page/index.html"
    }
    AfterAll { $job | Remove-Job -Force -ErrorAction SilentlyContinue }

    It 'serves the same page with no failed request, its fonts, images and scripts' {
        $devReport.error | Should -BeNullOrEmpty
        @(Get-FailedRequests $devReport) | Select-Object -First 20 | Should -BeNullOrEmpty
        $devReport.content.lit | Should -Be 'ticks: 2, 4, 6, 8'
        $devReport.images | Where-Object naturalWidth -eq 0 | ForEach-Object src | Should -BeNullOrEmpty
    }
}
