#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# MediaSync in a session that already holds the AWS SDK 3.7 that AWS.Tools 4.x carries. Each case runs in a fresh pwsh
# (a background job), because an assembly once loaded stays for the life of the process.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # dotnet test downloads AWSSDK.Core 3.7.402 and names it here; by hand, point it at any 3.x AWSSDK.Core.dll.
    $script:oldSdk = $env:MEDIASYNC_AWSSDK_CORE_3
    if (-not $oldSdk -or -not (Test-Path $oldSdk)) { throw "MEDIASYNC_AWSSDK_CORE_3 must name an AWSSDK.Core 3.x assembly (got '$oldSdk')." }
    if (-not $env:MEDIASYNC_S3_ENDPOINT) { throw 'No S3 endpoint: set MEDIASYNC_S3_ENDPOINT, MEDIASYNC_S3_ACCESS_KEY and MEDIASYNC_S3_SECRET_KEY.' }
    $script:manifest = Join-Path $modulePath 'MediaSync.psd1'
    New-TestFile TestDrive:\src\css\site.css 'body { color: red }'
    New-TestFile TestDrive:\src\js\app.js 'app()'
    $script:source = Join-Path $TestDrive 'src'

    function Invoke-WithOldSdk([scriptblock] $Script) {
        $job = Start-Job -ScriptBlock {
            param($oldSdk, $manifest, $source, $endpoint, $access, $secret, $script)
            $ErrorActionPreference = 'Stop'
            Add-Type -LiteralPath $oldSdk   # what Import-Module AWS.Tools.Common does first
            $env:AWS_ACCESS_KEY_ID = $access
            $env:AWS_SECRET_ACCESS_KEY = $secret
            Import-Module $manifest
            & ([scriptblock]::Create($script)) $source $endpoint
        } -ArgumentList $oldSdk, $manifest, $source, $env:MEDIASYNC_S3_ENDPOINT, $env:MEDIASYNC_S3_ACCESS_KEY, $env:MEDIASYNC_S3_SECRET_KEY, $Script.ToString()
        $job | Wait-Job -Timeout 120 | Out-Null
        try { $job | Receive-Job -ErrorAction Stop } finally { $job | Remove-Job -Force }
    }
}

# Tagged CoreOnly: the netstandard2.0 build is Windows PowerShell 5.1's, whose .NET Framework loads strong-named
# assemblies of two versions side by side; force-loaded into pwsh 7 it shares one load context, which only .NET has.
Describe 'MediaSync beside AWS SDK 3.7 in one session' -Tag CoreOnly {
    It 'publishes to S3, and a re-run changes nothing' {
        $result = Invoke-WithOldSdk {
            param($source, $endpoint)
            $store = New-MediaStore -S3 -Bucket ('old-sdk-' + [guid]::NewGuid().ToString('N').Substring(0, 12)) -EndpointUrl $endpoint -ForcePathStyle
            $store.EnsureBucket()
            $first = Get-MediaFile $source | Publish-Media -Store $store
            $second = Get-MediaFile $source | Publish-Media -Store $store
            $sdk = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { $_.GetName().Version.ToString() }
            [pscustomobject]@{ Sdks = ($sdk | Sort-Object) -join ','; First = $first.Reason -join ','; Second = $second.Reason -join ',' }
        }
        $result.Sdks | Should -Be '3.3.0.0,4.0.0.0'   # AWSSDK.Core 3.7.x carries assembly version 3.3.0.0
        $result.First | Should -Be 'New,New'
        $result.Second | Should -Be 'Unchanged,Unchanged'
    }

    It 'still resolves MediaSync''s public types by name in scripts' {
        $names = Invoke-WithOldSdk {
            param($source)
            [MediaSync.MediaFile].FullName
            [MediaSync.Stores.S3StoreOptions]::new().MultipartThreshold
            (Get-MediaFile $source)[0] -is [MediaSync.MediaFile]
            [MediaSync.Stores.FolderStore].FullName
        }
        $names | Should -Be @('MediaSync.MediaFile', 16MB, $true, 'MediaSync.Stores.FolderStore')
    }

    It 'runs a PowerShell class that implements IMediaProcessor' {
        $text = Invoke-WithOldSdk {
            param($source)
            $processor = Invoke-Expression @'
class Shout : MediaSync.Processing.IMediaProcessor {
    [string] get_Name() { return 'Shout' }
    [bool] Accepts([MediaSync.MediaFile] $file) { return $file.RelativePath -like '*.css' }
    [MediaSync.Content.MediaContent] Process([MediaSync.MediaFile] $file, [MediaSync.Reporting.IEngineHost] $engineHost) {
        return [MediaSync.Content.MemoryContent]::new([Text.Encoding]::UTF8.GetBytes($file.ReadAllText().ToUpper()))
    }
}
[Shout]::new()
'@
            $css = Get-MediaFile $source -Include *.css | Invoke-MediaProcessor $processor
            $css.Processors -join ','
            $css.ReadAllText()
        }
        $text | Should -Be @('Shout', 'BODY { COLOR: RED }')
    }
}
