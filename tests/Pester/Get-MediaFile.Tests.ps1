#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives Get-MediaFile as a user would, against the BUILT module (out/MediaSync).

BeforeDiscovery {
    $noGit = -not (Get-Command git -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-MediaFile' {
    BeforeEach {
        Remove-Item TestDrive:\* -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\site\media\css\site.css 'body{}'
        New-TestFile TestDrive:\site\media\js\app.js 'app()'
        New-TestFile TestDrive:\site\media\blog\blog.css 'project wins'
        New-TestFile TestDrive:\site\media\_drafts\wip.css
        New-TestFile TestDrive:\site\media\.cache
        New-TestFile TestDrive:\site\apps\blog\media\blog\blog.css 'app loses'
        New-TestFile TestDrive:\site\apps\blog\media\blog\only.js 'app only'
    }

    It 'emits typed MediaFile objects with forward-slash keys' {
        $files = Get-MediaFile -Path TestDrive:\site\media
        $files | Should -HaveCount 3
        $files[0] | Should -BeOfType ([MediaSync.MediaFile])
        $files.RelativePath | Should -Be @('blog/blog.css', 'css/site.css', 'js/app.js')
        ($files | Where-Object RelativePath -eq 'js/app.js').ContentType | Should -Be 'text/javascript; charset=utf-8'
        ($files | Where-Object RelativePath -eq 'css/site.css').Length | Should -Be 6
    }

    It 'gives the project precedence over apps and records what it overrides' {
        $files = Get-MediaFile -Path TestDrive:\site\media -App TestDrive:\site\apps\blog
        $blog = $files | Where-Object RelativePath -eq 'blog/blog.css'
        $blog.Source | Should -Be '(project)'
        $blog.Overrides.Source | Should -Be 'blog'
        Get-Content -Raw $blog.FullName | Should -Be 'project wins'
        ($files | Where-Object RelativePath -eq 'blog/only.js').Source | Should -Be 'blog'
    }

    It 'answers which file wins with -Name and -All' {
        $candidates = Get-MediaFile -Path TestDrive:\site\media -App TestDrive:\site\apps\blog -Name blog/blog.css -All
        $candidates | Should -HaveCount 2
        $candidates.Source | Should -Be @('(project)', 'blog')
        $candidates.IsOverridden | Should -Be @($false, $true)
    }

    It 'accepts folders from Get-Item through PSPath' {
        $files = Get-Item TestDrive:\site\media | Get-MediaFile
        $files | Should -HaveCount 3
    }

    It 'resolves wildcards in -Path and takes -LiteralPath as written' {
        (Get-MediaFile -Path TestDrive:\site\med* | Measure-Object).Count | Should -Be 3
        New-TestFile 'TestDrive:\odd[1]\a.css'
        (Get-MediaFile -LiteralPath 'TestDrive:\odd[1]').RelativePath | Should -Be 'a.css'
    }

    It 'filters with -Include and -Exclude globs' {
        (Get-MediaFile TestDrive:\site\media -Include *.css).RelativePath | Should -Be @('blog/blog.css', 'css/site.css')
        (Get-MediaFile TestDrive:\site\media -Exclude 'blog/**').RelativePath | Should -Be @('css/site.css', 'js/app.js')
    }

    It 'skips hidden and underscore names unless -Force' {
        (Get-MediaFile TestDrive:\site\media).RelativePath | Should -Not -Contain '_drafts/wip.css'
        (Get-MediaFile TestDrive:\site\media -Force).RelativePath | Should -Contain '_drafts/wip.css'
        (Get-MediaFile TestDrive:\site\media -Force).RelativePath | Should -Contain '.cache'
    }

    It 'uses an app''s own media folder name from mediasync.json' {
        New-TestFile TestDrive:\site\apps\shop\static\shop\cart.js 'cart'
        New-TestFile TestDrive:\site\apps\shop\mediasync.json '{ "mediaDirectoryName": "static" }'
        (Get-MediaFile -App TestDrive:\site\apps\shop).RelativePath | Should -Be 'shop/cart.js'
    }

    It 'keeps names with spaces, unicode and URL characters' {
        New-TestFile 'TestDrive:\names\a b.css'
        New-TestFile 'TestDrive:\names\café\straße.css'
        New-TestFile 'TestDrive:\names\100%+&;=#.png'
        (Get-MediaFile -LiteralPath TestDrive:\names).RelativePath | Should -Be @('100%+&;=#.png', 'a b.css', 'café/straße.css')
    }

    It 'treats an empty pipe as no roots, not as the current folder' {
        Push-Location TestDrive:\site\media
        try {
            $err = { @() | Get-MediaFile } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.NoRoots,*'
            (Get-MediaFile | Measure-Object).Count | Should -Be 3
        }
        finally { Pop-Location }
    }

    It 'reports a missing root as a non-terminating error, as Get-ChildItem does, and searches the others' {
        $files = Get-MediaFile TestDrive:\nowhere, TestDrive:\site\media -ErrorVariable problems -ErrorAction SilentlyContinue
        $files.RelativePath | Should -Contain 'css/site.css'
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.RootNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -BeLike '*nowhere'
        $files[0].MissingSources | Should -BeLike '*nowhere'
    }

    It 'stops at a missing root under -ErrorAction Stop' {
        $err = { Get-MediaFile -Path TestDrive:\nowhere, TestDrive:\site\media -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.RootNotFound,*'
    }

    It 'finds nothing, never the current folder, when every root is missing' {
        Push-Location TestDrive:\site\media
        try { Get-MediaFile TestDrive:\nowhere -ErrorAction SilentlyContinue | Should -BeNullOrEmpty }
        finally { Pop-Location }
    }

    It 'stops with a clear error for a root that is a file' {
        $err = { Get-MediaFile -LiteralPath TestDrive:\site\media\js\app.js } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.RootIsFile,*'
    }

    It 'reports a missing app as a non-terminating error and searches the rest' {
        $files = Get-MediaFile -Path TestDrive:\site\media -App TestDrive:\site\apps\nope -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -Not -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.AppNotFound,*'
    }

    It 'reports a symbolic-link loop as a non-terminating error and lists the rest' -Skip:($IsWindows) {
        New-Item -ItemType SymbolicLink -Path TestDrive:\site\media\css\loop -Target (Resolve-Path TestDrive:\site\media).ProviderPath | Out-Null
        $files = Get-MediaFile TestDrive:\site\media -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -HaveCount 3
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.SymlinkLoop,*'
    }

    It 'reports a name that is not UTF-8 as a non-terminating error naming it, and lists the rest' -Skip:(-not $IsLinux) {
        $css = (Resolve-Path TestDrive:\site\media\css).ProviderPath
        try {
            sh -c 'printf x > "$1/$(printf "bad-\377.css")"' sh $css
            $files = Get-MediaFile TestDrive:\site\media -ErrorVariable problems -ErrorAction SilentlyContinue
            $files.RelativePath | Should -Be @('blog/blog.css', 'css/site.css', 'js/app.js')
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.UndecodableName,*'
            $problems[0].Exception.Message | Should -BeLike "*bad-$([char]0xFFFD).css*"
        }
        finally {
            sh -c 'rm -f "$1"/bad-*' sh $css   # Remove-Item cannot open it by name either
        }
    }

    It 'reports a folder past the path limit as one non-terminating error, and lists the rest' -Skip:(-not $IsLinux) {
        $media = (Resolve-Path TestDrive:\site\media).ProviderPath
        try {
            # made from the shell, folder by folder: no single call can name the whole path
            sh -c 'cd -P "$1" && for i in $(seq 21); do mkdir "$2" && cd -P "$2" || exit 1; done; printf x > deep.css' sh $media ('d' * 200)
            $files = Get-MediaFile TestDrive:\site\media -ErrorVariable problems -ErrorAction SilentlyContinue
            $files.RelativePath | Should -Be @('blog/blog.css', 'css/site.css', 'js/app.js')
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.PathTooLong,*'
            $problems[0].Exception.Message | Should -Match 'over the 4095 this system allows'
        }
        finally {
            rm -rf (Join-Path $media ('d' * 200))   # Remove-Item cannot reach below the limit either
        }
    }

    It 'formats as a table with the key' {
        $text = Get-MediaFile TestDrive:\site\media | Out-String
        $text | Should -Match 'RelativePath'
        $text | Should -Match 'css/site.css'
    }
}

Describe 'Get-MediaFile -ChangedSince' -Skip:$noGit {
    BeforeEach {
        Remove-Item TestDrive:\* -Recurse -Force -ErrorAction SilentlyContinue
        $repo = (New-Item -ItemType Directory TestDrive:\repo).FullName
        function Invoke-Git { git -C $repo -c init.defaultBranch=main -c user.name=Pester -c user.email=pester@example.test -c commit.gpgsign=false @args 2>&1; if ($LASTEXITCODE) { throw "git $args failed" } }
        Invoke-Git init -q
        New-TestFile TestDrive:\repo\media\css\site.css 'body{}'
        New-TestFile TestDrive:\repo\media\js\app.js 'app()'
        Invoke-Git add -A
        Invoke-Git commit -q -m first
        $first = (Invoke-Git rev-parse HEAD).Trim()
    }

    It 'emits only what changed, and deletions with Action Deleted' {
        New-TestFile TestDrive:\repo\media\css\site.css 'body{color:red}'
        New-TestFile TestDrive:\repo\media\img\new.svg '<svg/>'
        Remove-Item TestDrive:\repo\media\js\app.js
        $changed = Get-MediaFile TestDrive:\repo\media -ChangedSince $first
        ($changed | ForEach-Object { "$($_.RelativePath) $($_.Action)" }) | Should -Be @('css/site.css Modified', 'img/new.svg Added', 'js/app.js Deleted')
        ($changed | Where-Object Deleted).RelativePath | Should -Be 'js/app.js'
    }

    It 'publishes a change set, deleting only its deletions' {
        $out = Join-Path $TestDrive 'public'
        Get-MediaFile TestDrive:\repo\media | Publish-Media -Destination $out | Out-Null
        Remove-Item TestDrive:\repo\media\js\app.js
        $results = Get-MediaFile TestDrive:\repo\media -ChangedSince $first | Publish-Media -Destination $out -Delete
        $results.RelativePath | Should -Be 'js/app.js'
        $results.Action | Should -Be 'Deleted'
        Test-Path (Join-Path $out 'css/site.css') | Should -BeTrue
    }

    It 'gives a clear error for an unknown revision and outside a work tree' {
        { Get-MediaFile TestDrive:\repo\media -ChangedSince no-such-branch -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.UnknownRevision,*'
        New-TestFile TestDrive:\loose\a.css 'a{}'
        { Get-MediaFile TestDrive:\loose -ChangedSince HEAD -ErrorAction Stop } | Should -Throw -ErrorId 'MediaSync.NotAGitWorkTree,*'
    }
}
