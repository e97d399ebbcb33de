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
