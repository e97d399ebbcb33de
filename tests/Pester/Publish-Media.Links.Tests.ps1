#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Links, as a user meets them: in a source they are followed on purpose only (inside their root always, outside it
# with -FollowLinks), and in a folder destination nothing is ever written or deleted through one.
# Symbolic links need a privilege on Windows, so these run where links are free to make.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function Get-Keys([string] $Folder) {
        $root = (Resolve-Path $Folder).ProviderPath
        @(Get-ChildItem $root -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } | Sort-Object)
    }
}

Describe 'Links in a source' -Skip:($IsWindows) {
    BeforeEach {
        Remove-Item TestDrive:\* -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\a.css 'aaaa'
        New-TestFile TestDrive:\outside\secret\key.txt 'top secret'
        $src = (Resolve-Path TestDrive:\src).ProviderPath
        New-Item -ItemType SymbolicLink -Path "$src/ext" -Target '../outside/secret' | Out-Null
        New-Item -ItemType SymbolicLink -Path "$src/key.txt" -Target '../outside/secret/key.txt' | Out-Null
        $out = Join-Path $TestDrive 'out'
    }

    It 'skips a folder or file link that leads outside its root, with one MediaSync.LinkOutsideRoot warning each' {
        $files = Get-MediaFile TestDrive:\src -WarningVariable warned -WarningAction SilentlyContinue
        $files.RelativePath | Should -Be 'css/a.css'
        $warned | Should -HaveCount 2
        "$warned" | Should -Match 'MediaSync\.LinkOutsideRoot'
        "$warned" | Should -Match '-FollowLinks'
        $files | Publish-Media -Destination $out | Out-Null
        Get-Keys $out | Should -Be @('css/a.css')
    }

    It 'follows them with -FollowLinks, on Get-MediaFile and on Publish-Media -LiteralPath' {
        (Get-MediaFile TestDrive:\src -FollowLinks -WarningVariable warned).RelativePath | Should -Be @('css/a.css', 'ext/key.txt', 'key.txt')
        $warned | Should -BeNullOrEmpty
        Publish-Media -LiteralPath $src -Destination $out -FollowLinks | Out-Null
        Get-Content -Raw "$out/ext/key.txt" | Should -Be 'top secret'
    }

    It 'follows them through the FollowLinks setting of Sync-Media, and skips them without it' {
        Sync-Media -Settings @{ Roots = $src; Store = @{ Path = $out } } -WarningAction SilentlyContinue | Out-Null
        Get-Keys $out | Should -Be @('css/a.css', 'manifest.json')
        Sync-Media -Settings @{ Roots = $src; Store = @{ Path = $out }; FollowLinks = $true } | Out-Null
        Get-Keys $out | Should -Be @('css/a.css', 'ext/key.txt', 'key.txt', 'manifest.json')
    }

    It 'follows them in the Azure DevOps task only when its extra arguments say -FollowLinks' {
        $task = Join-Path $PSScriptRoot '../../azure-devops/MediaSyncTask/run-mediasync.ps1'
        $module = Join-Path $modulePath 'MediaSync.psd1'
        $null = & $task -ModulePath $module -Command publish -MediaPath $src -Destination $out 3>$null
        Get-Keys $out | Should -Be @('css/a.css')
        $null = & $task -ModulePath $module -Command publish -MediaPath $src -Destination $out -ExtraArguments '-FollowLinks'
        Get-Keys $out | Should -Be @('css/a.css', 'ext/key.txt', 'key.txt')
    }

    It 'publishes a file link inside its root with its target''s bytes' {
        New-Item -ItemType SymbolicLink -Path "$src/alias.css" -Target 'css/a.css' | Out-Null
        $results = Get-MediaFile TestDrive:\src -WarningAction SilentlyContinue | Publish-Media -Destination $out
        ($results | Where-Object RelativePath -eq 'alias.css').Action | Should -Be 'Created'
        Get-Content -Raw "$out/alias.css" | Should -Be 'aaaa'
        (Get-Item "$out/alias.css").LinkType | Should -BeNullOrEmpty
    }

    It 'makes no link whose chain ends outside the root in Link mode, and copies it under -Fallback Copy' {
        $files = Get-MediaFile TestDrive:\src -FollowLinks
        $results = $files | Publish-Media -Destination $out -Mode Link -ErrorVariable problems -ErrorAction SilentlyContinue
        ($results | Where-Object Action -eq 'Failed').RelativePath | Should -Be @('ext/key.txt', 'key.txt')
        $problems | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'MediaSync.LinkOutsideRoot,*' }
        Test-Path "$out/key.txt" | Should -BeFalse
        $files | Publish-Media -Destination $out -Mode Link -Fallback Copy | Out-Null
        (Get-Item "$out/key.txt").LinkType | Should -BeNullOrEmpty
        (Get-Item "$out/css/a.css").LinkType | Should -Be 'SymbolicLink'
    }

    It 'keeps under -Delete what the destination holds under a skipped link, and deletes the other orphans' {
        Get-MediaFile TestDrive:\src -FollowLinks | Publish-Media -Destination $out | Out-Null
        New-TestFile "$out/old.css" 'orphan'
        $results = Get-MediaFile TestDrive:\src -WarningAction SilentlyContinue | Publish-Media -Destination $out -Delete -WarningVariable warned
        ($results | Where-Object Reason -eq 'Orphan' | ForEach-Object { "$($_.Action) $($_.RelativePath)" }) | Should -Be @('Skipped ext/key.txt', 'Skipped key.txt', 'Deleted old.css')
        "$warned" | Should -Match 'Kept 2 file\(s\)'
        Get-Keys $out | Should -Be @('css/a.css', 'ext/key.txt', 'key.txt')
    }
}

Describe 'Links planted in a folder destination' -Skip:($IsWindows) {
    BeforeEach {
        Remove-Item TestDrive:\* -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\a.css 'aaaa'
        New-TestFile TestDrive:\src\js\b.js 'bbbb'
        New-TestFile TestDrive:\victim\keep.txt 'the user''s own'
        $out = Join-Path $TestDrive 'out'
        New-Item -ItemType Directory $out | Out-Null
    }

    It 'replaces a planted folder link with a real folder and writes nothing through it (<Case>)' -ForEach @(
        @{ Case = 'without -Delete'; Options = @{} }
        @{ Case = 'with -Delete'; Options = @{ Delete = $true } }
    ) {
        New-Item -ItemType SymbolicLink -Path "$out/css" -Target '../victim' | Out-Null
        $results = Get-MediaFile TestDrive:\src | Publish-Media -Destination $out @Options -WarningVariable warned
        $results.Action | Should -Be @('Created', 'Created')
        "$warned" | Should -Match 'MediaSync\.DestinationLinkReplaced'
        Get-Keys TestDrive:\victim | Should -Be @('keep.txt')
        (Get-Item "$out/css").LinkType | Should -BeNullOrEmpty
        Get-Content -Raw "$out/css/a.css" | Should -Be 'aaaa'
    }

    It 'replaces a planted file link at a target name itself, and leaves what it points to alone' {
        New-TestFile TestDrive:\victim\a.css 'the user''s own'
        New-Item -ItemType Directory "$out/css" | Out-Null
        New-Item -ItemType SymbolicLink -Path "$out/css/a.css" -Target '../../victim/a.css' | Out-Null
        (Get-MediaFile TestDrive:\src | Publish-Media -Destination $out | Where-Object RelativePath -eq 'css/a.css').Reason | Should -Be 'StaleLink'
        Get-Content -Raw TestDrive:\victim\a.css | Should -Be 'the user''s own'
        (Get-Item "$out/css/a.css").LinkType | Should -BeNullOrEmpty
        Get-Content -Raw "$out/css/a.css" | Should -Be 'aaaa'
    }

    It 'publishes into a destination that is itself a link' {
        New-Item -ItemType Directory TestDrive:\real-out | Out-Null
        $linked = Join-Path $TestDrive 'linked-out'
        New-Item -ItemType SymbolicLink -Path $linked -Target (Join-Path $TestDrive 'real-out') | Out-Null
        (Get-MediaFile TestDrive:\src | Publish-Media -Destination $linked -Delete -WarningVariable warned).Action | Should -Be @('Created', 'Created')
        $warned | Should -BeNullOrEmpty
        Get-Keys TestDrive:\real-out | Should -Be @('css/a.css', 'js/b.js')
    }
}
