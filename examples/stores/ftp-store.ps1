#requires -Version 5.1
<#
.SYNOPSIS
    An FTP server as a MediaSync store, written in PowerShell: the way to add a backend without C#.
.DESCRIPTION
    Returns a store made with New-MediaStore -List/-Put/-Delete over curl (Windows 10+ and every Linux and macOS
    ship it). FTP keeps no hashes, so the store keeps an index beside the files (.mediasync-index.json: each key's
    size and MD5, as last written by this store); -List joins it to the server's own listing, so changed-only sync
    works, and a file someone else replaced (another size) or the index forgot is simply uploaded again. FTP keeps
    no HTTP headers either, so the store declares none and a -HeaderRule is refused.

    Credentials (-Credential) reach curl through its standard input, never its command line, and never appear in
    output.
.EXAMPLE
    $store = ./examples/stores/ftp-store.ps1 -Url ftp://ftp.example.com/site/ -BaseUrl https://www.example.com/ -Credential (Get-Credential)
    Get-MediaFile ./site/media | Publish-Media -Store $store -Delete
#>
[CmdletBinding()]
param(
    # The folder on the server, ending in /: ftp://host[:port]/path/
    [Parameter(Mandatory)] [uri] $Url,
    # Where a web server serves that folder, for Get-MediaUrl and the results.
    [Parameter(Mandatory)] [string] $BaseUrl,
    # An FTP account; anonymous without it.
    [pscredential] $Credential
)
$ErrorActionPreference = 'Stop'
$root = $Url.AbsoluteUri.TrimEnd('/') + '/'
$indexName = '.mediasync-index.json'

# curl with the account on standard input (a config line), so no password shows in the process list.
$curl = {
    param([string[]] $Arguments)
    $config = if ($Credential) { 'user = "{0}:{1}"' -f $Credential.UserName, $Credential.GetNetworkCredential().Password } else { '' }
    $output = $config | & curl --silent --show-error --config - @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "FTP: curl $($Arguments[-1] -replace '^ftp://[^/]*', '') failed: $output" }
    $output
}.GetNewClosure()

# Keys as FTP paths: each segment escaped, so spaces, '#' and '%' reach the server as they are.
$pathOf = { param([string] $Key) ($Key -split '/' | ForEach-Object { [uri]::EscapeDataString($_) }) -join '/' }

# The whole tree, folder by folder, from LIST's Unix-style lines: @{ 'css/site.css' = 123; ... }.
$listTree = {
    $sizes = @{}
    $folders = [System.Collections.Generic.Queue[string]]::new()
    $folders.Enqueue('')
    while ($folders.Count -gt 0) {
        $folder = $folders.Dequeue()
        $folderUrl = if ($folder) { $root + (& $pathOf $folder.TrimEnd('/')) + '/' } else { $root }
        try { $lines = @(& $curl @(, $folderUrl)) }
        catch {
            # curl's 9: the server would not enter the folder. A store whose folder is not there yet holds nothing.
            if ($folder -eq '' -and "$_" -match 'curl: \(9\)') { break }
            throw
        }
        foreach ($line in $lines) {
            if ("$line" -notmatch '^(?<kind>[d-])\S*\s+\d+\s+\S+\s+\S+\s+(?<size>\d+)\s+\w{3}\s+\d+\s+[\d:]+\s(?<name>.+)$') { continue }
            $name = $Matches.name
            if ($name -eq '.' -or $name -eq '..' -or ($folder -eq '' -and $name -eq $indexName)) { continue }
            if ($Matches.kind -eq 'd') { $folders.Enqueue("$folder$name/") } else { $sizes["$folder$name"] = [long]$Matches.size }
        }
    }
    $sizes
}.GetNewClosure()

$state = @{ Index = @{} }
$saveIndex = {
    $file = [System.IO.Path]::GetTempFileName()
    try {
        [System.IO.File]::WriteAllText($file, ($state.Index | ConvertTo-Json -Depth 3 -Compress))
        & $curl @('--upload-file', $file, ($root + $indexName)) | Out-Null
    }
    finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
}.GetNewClosure()

New-MediaStore -BaseUrl $BaseUrl -List {
    $state.Index = @{}
    try {
        $json = & $curl @(, ($root + $indexName))
        if ($json) { foreach ($entry in (("$json" | ConvertFrom-Json).PSObject.Properties)) { $state.Index[$entry.Name] = $entry.Value } }
    }
    catch { }   # no index yet: every object is compared by size alone, and same-sized ones are uploaded again
    $sizes = & $listTree
    foreach ($key in $sizes.Keys) {
        $known = $state.Index[$key]
        # the MD5 is trusted only while the size is what this store wrote
        $md5 = if ($known -and [long]$known.Size -eq $sizes[$key]) { $known.Md5 } else { $null }
        @{ Key = $key; Size = $sizes[$key]; Md5 = $md5 }
    }
}.GetNewClosure() -Put {
    $put = $_
    $source = $put.FilePath
    $temp = $null
    if (-not $source) {
        $temp = [System.IO.Path]::GetTempFileName()
        [System.IO.File]::WriteAllBytes($temp, $put.ReadAllBytes())
        $source = $temp
    }
    try {
        & $curl @('--ftp-create-dirs', '--upload-file', $source, ($root + (& $pathOf $put.Key))) | Out-Null
    }
    finally { if ($temp) { Remove-Item -LiteralPath $temp -ErrorAction SilentlyContinue } }
    $state.Index[$put.Key] = @{ Size = $put.Length; Md5 = $put.Md5 }
    & $saveIndex
}.GetNewClosure() -Delete {
    $path = $Url.AbsolutePath.TrimEnd('/')
    foreach ($key in $_) {
        # DELE of a file that is not there fails, and a key that is not there is not an error
        try { & $curl @('--quote', "DELE $path/$key", ($Url.GetLeftPart([UriPartial]::Authority) + '/')) | Out-Null } catch { }
        $state.Index.Remove($key)
    }
    & $saveIndex
}.GetNewClosure()
