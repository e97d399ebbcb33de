#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Start-MediaServer as a developer runs it: on a free loopback port, in the background, over the merged media view.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Get-FreePort {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start()
        try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }

    # The status code of a raw request line, so no client tidies the path first.
    function Get-RawStatus([int] $Port, [string] $Path) {
        $client = [Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
        try {
            $stream = $client.GetStream()
            $bytes = [Text.Encoding]::ASCII.GetBytes("GET $Path HTTP/1.1`r`nHost: 127.0.0.1`r`nConnection: close`r`n`r`n")
            $stream.Write($bytes, 0, $bytes.Length)
            [int]([IO.StreamReader]::new($stream).ReadLine() -split ' ')[1]
        }
        finally { $client.Dispose() }
    }
}

Describe 'Start-MediaServer -AsJob' {
    BeforeAll {
        New-TestFile TestDrive:\site\media\css\site.css 'body{color:red}'
        New-TestFile TestDrive:\site\media\css\reset.css '*{margin:0}'
        New-TestFile TestDrive:\site\apps\blog\media\css\site.css 'the app loses'
        New-TestFile TestDrive:\site\apps\blog\media\blog\post.js 'post()'
        New-TestFile TestDrive:\secret.txt 'secret'
        $port = Get-FreePort
        $base = "http://127.0.0.1:$port"
        $job = Start-MediaServer TestDrive:\site\media -App TestDrive:\site\apps\blog -Port $port -DirectoryListing -AsJob `
            -Settings @{ Bundles = @{ 'css/all.css' = 'css/reset.css', 'css/site.css' } }
    }
    AfterAll { $job | Remove-Job -Force -ErrorAction SilentlyContinue }

    It 'returns a running job that says where it serves' {
        $job.State | Should -Be 'Running'
        $job.Location | Should -Be "$base/"
        (Receive-Job $job -Keep | Select-Object -First 1).Url.AbsoluteUri | Should -Be "$base/"
    }

    It 'serves the project file over the app file, and app files too' {
        $response = Invoke-WebRequest "$base/css/site.css" -UseBasicParsing
        $response.Content | Should -Be 'body{color:red}'
        $response.Headers['Content-Type'] | Should -BeLike 'text/css*'
        (Invoke-WebRequest "$base/blog/post.js" -UseBasicParsing).Content | Should -Be 'post()'
        { Invoke-WebRequest "$base/css/none.css" -UseBasicParsing } | Should -Throw '*404*'
    }

    It 'answers 304 to a matching ETag and serves a changed file fresh' {
        $first = Invoke-WebRequest "$base/css/reset.css" -UseBasicParsing
        $etag = "$($first.Headers['ETag'])"
        $again = Invoke-WebRequest "$base/css/reset.css" -UseBasicParsing -Headers @{ 'If-None-Match' = $etag } -SkipHttpErrorCheck
        $again.StatusCode | Should -Be 304
        New-TestFile TestDrive:\site\media\css\reset.css '*{margin:2px}'
        (Get-Item TestDrive:\site\media\css\reset.css).LastWriteTimeUtc = [datetime]::UtcNow.AddMinutes(1)
        (Invoke-WebRequest "$base/css/reset.css" -UseBasicParsing -Headers @{ 'If-None-Match' = $etag }).Content | Should -Be '*{margin:2px}'
    }

    It 'serves a bundle joined, and lists a folder' {
        $bundle = (Invoke-WebRequest "$base/css/all.css" -UseBasicParsing).Content
        $bundle | Should -Match 'margin'
        $bundle | Should -Match 'color:red'
        $listing = (Invoke-WebRequest "$base/css/" -UseBasicParsing).Content
        $listing | Should -Match 'site\.css'
        $listing | Should -Match 'all\.css'
    }

    It 'refuses traversal: <Path>' -ForEach @(
        @{ Path = '/../secret.txt' }
        @{ Path = '/%2e%2e/%2e%2e/secret.txt' }
        @{ Path = '/css/..%2f..%2f..%2fsecret.txt' }
        @{ Path = '/..%5c..%5csecret.txt' }
        @{ Path = '//etc/passwd' }
    ) {
        Get-RawStatus $port $Path | Should -BeIn @(400, 404)
    }

    It 'stops with Stop-Job and frees its port' {
        Stop-Job $job
        $job.State | Should -Be 'Stopped'
        { Invoke-WebRequest "$base/css/site.css" -UseBasicParsing -TimeoutSec 5 } | Should -Throw
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $port)
        $probe.Start(); $probe.Stop()
    }
}

Describe 'Start-MediaServer against what a root holds besides files' {
    BeforeAll {
        New-TestFile TestDrive:\hard\media\css\site.css 'body{color:red}'
        $port = Get-FreePort
        $base = "http://127.0.0.1:$port"
        $job = Start-MediaServer TestDrive:\hard\media -Port $port -DirectoryListing -AsJob
        $http = [Net.Http.HttpClient]::new()
        $http.Timeout = [timespan]::FromSeconds(20)
    }
    AfterAll {
        $job | Remove-Job -Force -ErrorAction SilentlyContinue
        $http.Dispose()
    }

    It 'refuses a FIFO at once with 403, and 64 requests for it do not starve a file' -Skip:(-not $IsLinux) {
        mkfifo "$TestDrive/hard/media/css/pipe.css"
        (Invoke-WebRequest "$base/css/pipe.css" -UseBasicParsing -TimeoutSec 10 -SkipHttpErrorCheck).StatusCode | Should -Be 403
        $fifos = 1..64 | ForEach-Object { $http.GetAsync("$base/css/pipe.css") }
        $file = $http.GetStringAsync("$base/css/site.css")
        [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]@($fifos + $file), [timespan]::FromSeconds(15)) | Should -BeTrue
        $fifos | ForEach-Object { [int]$_.Result.StatusCode } | Sort-Object -Unique | Should -Be 403
        $file.Result | Should -Be 'body{color:red}'
    }

    It 'answers a file it cannot read with an error status, never an empty 200' {
        # another program holds it exclusively: a lock root cannot step over as it does file modes
        $lock = [IO.File]::Open("$TestDrive/hard/media/css/site.css", 'Open', 'ReadWrite', 'None')
        try {
            (Invoke-WebRequest "$base/css/site.css" -UseBasicParsing -SkipHttpErrorCheck).StatusCode | Should -Be 500
        }
        finally { $lock.Dispose() }
        (Invoke-WebRequest "$base/css/site.css" -UseBasicParsing).Content | Should -Be 'body{color:red}'
    }

    It 'sends X-Content-Type-Options: nosniff on every answer' {
        foreach ($path in '/css/site.css', '/css/', '/css/none.css', '/%2e%2e/x') {
            "$((Invoke-WebRequest "$base$path" -UseBasicParsing -SkipHttpErrorCheck).Headers['X-Content-Type-Options'])" | Should -Be 'nosniff' -Because $path
        }
    }

    It 'streams six downloads of a 300 MB file instead of reading it whole for each' {
        $big = [IO.File]::Create("$TestDrive/hard/media/big.bin")
        try { $big.SetLength(300MB) } finally { $big.Dispose() }   # sparse: no disk used
        $before = [GC]::GetTotalAllocatedBytes($true)
        # curl downloads in processes of its own, so what this process allocates is the server's
        $curls = 1..6 | ForEach-Object { Start-Process curl -ArgumentList '-s', '-o', '/dev/null', '-w', '%{size_download}', "$base/big.bin" -PassThru -NoNewWindow -RedirectStandardOutput "$TestDrive/curl$_.txt" }
        $curls | Wait-Process -Timeout 120
        $allocated = [GC]::GetTotalAllocatedBytes($true) - $before
        1..6 | ForEach-Object { (Get-Content -Raw "$TestDrive/curl$_.txt").Trim() } | Sort-Object -Unique | Should -Be (300MB).ToString()
        # reading each whole allocated 6 x 300 MB = 1.8 GB; streaming holds one 64 KB buffer per download
        $allocated | Should -BeLessThan 100MB
    }
}

Describe 'Start-MediaServer -ListenAddress' {
    It 'listens on every address for 0.0.0.0' {
        New-TestFile TestDrive:\any\media\a.css 'a{}'
        $port = Get-FreePort
        $job = Start-MediaServer TestDrive:\any\media -Port $port -ListenAddress 0.0.0.0 -AsJob
        try { (Invoke-WebRequest "http://127.0.0.1:$port/a.css" -UseBasicParsing).Content | Should -Be 'a{}' }
        finally { $job | Remove-Job -Force }
    }

    It 'says a port held on 0.0.0.0 is in use' {
        New-TestFile TestDrive:\any\media\a.css 'a{}'
        $holder = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Any, 0)
        $holder.Start()
        try {
            $port = $holder.LocalEndpoint.Port
            $record = try { Start-MediaServer TestDrive:\any\media -Port $port -ListenAddress 0.0.0.0 -AsJob; $null } catch { $_ }
            $record.FullyQualifiedErrorId | Should -BeLike 'MediaSync.ServerFailed,*'
            $record.Exception.Message | Should -BeLike "*port $port is already in use on 0.0.0.0*"
            $record.ErrorDetails.RecommendedAction | Should -BeLike '*Stop what is listening there*'
        }
        finally { $holder.Stop() }
    }

    It 'says an address this machine does not have is not its own, not to pick another port' {
        New-TestFile TestDrive:\any\media\a.css 'a{}'
        # 192.0.2.1 is TEST-NET-1, on no machine; binding to it sends nothing anywhere
        $record = try { Start-MediaServer TestDrive:\any\media -Port (Get-FreePort) -ListenAddress 192.0.2.1 -AsJob; $null } catch { $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'MediaSync.ServerFailed,*'
        $record.Exception.Message | Should -BeLike '*192.0.2.1 is not an address of this machine*'
        $record.ErrorDetails.RecommendedAction | Should -Not -BeLike '*-Port*'
    }
}

Describe 'Start-MediaServer in the foreground' {
    It 'runs until stopped, as Ctrl+C stops it, and then frees its port' {
        New-TestFile TestDrive:\fg\media\a.css 'a{}'
        $port = Get-FreePort
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$((Get-Module MediaSync).Path)'; Start-MediaServer '$TestDrive/fg/media' -Port $port")
            $running = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            $served = $null
            while (-not $served -and [datetime]::UtcNow -lt $deadline) {
                try { $served = (Invoke-WebRequest "http://127.0.0.1:$port/a.css" -UseBasicParsing -TimeoutSec 2).Content } catch { Start-Sleep -Milliseconds 100 }
            }
            $served | Should -Be 'a{}'
            $ps.Stop()
            $running.IsCompleted | Should -BeTrue
            $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $port)
            $probe.Start(); $probe.Stop()
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Start-MediaServer negotiating Accept-Encoding' {
    BeforeAll {
        $css = 'body{color:red}' * 40
        New-TestFile TestDrive:\neg\media\css\site.css $css
        $raw = [IO.MemoryStream]::new()
        $gzip = [IO.Compression.GZipStream]::new($raw, [IO.Compression.CompressionLevel]::Optimal, $true)
        $bytes = [Text.Encoding]::UTF8.GetBytes($css); $gzip.Write($bytes, 0, $bytes.Length); $gzip.Dispose()
        [IO.File]::WriteAllBytes((Join-Path (Resolve-Path TestDrive:\neg\media\css).ProviderPath 'site.css.gz'), $raw.ToArray())
        $port = Get-FreePort
        $base = "http://127.0.0.1:$port"
        $job = Start-MediaServer TestDrive:\neg\media -Port $port -AsJob
        $handler = [Net.Http.HttpClientHandler]::new(); $handler.AutomaticDecompression = [Net.DecompressionMethods]::None
        $http = [Net.Http.HttpClient]::new($handler)
        function Get-Raw([string] $path, [string] $acceptEncoding) {
            $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Get, "$base$path")
            if ($acceptEncoding) { $null = $request.Headers.TryAddWithoutValidation('Accept-Encoding', $acceptEncoding) }
            $http.SendAsync($request).GetAwaiter().GetResult()
        }
    }
    AfterAll { $http.Dispose(); $job | Remove-Job -Force -ErrorAction SilentlyContinue }

    It 'sends the .gz twin beside the file with Content-Encoding and Vary, and it decodes to the original' {
        $response = Get-Raw /css/site.css 'gzip, deflate, br;q=0'
        $response.Content.Headers.ContentEncoding | Should -Be 'gzip'
        $response.Headers.Vary | Should -Contain 'Accept-Encoding'
        $response.Content.Headers.ContentType.MediaType | Should -Be 'text/css'
        $body = $response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
        $body.Length | Should -Be $response.Content.Headers.ContentLength
        $reader = [IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.MemoryStream]::new($body), [IO.Compression.CompressionMode]::Decompress))
        $reader.ReadToEnd() | Should -Be $css
    }

    It 'sends the original, still with Vary, to a client that takes no coding' {
        $response = Get-Raw /css/site.css $null
        $response.Content.Headers.ContentEncoding | Should -BeNullOrEmpty
        $response.Headers.Vary | Should -Contain 'Accept-Encoding'
        $response.Content.ReadAsStringAsync().GetAwaiter().GetResult() | Should -Be $css
    }
}
