#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives Invoke-MediaProcessor as a user would, against the BUILT module (out/MediaSync) and its shipped esbuild.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Invoke-MediaProcessor' {
    BeforeEach {
        Remove-Item TestDrive:\src, TestDrive:\out -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\site.css "body  {  color :  red ; }`n"
        New-TestFile TestDrive:\src\js\app.js "function add(first, second) { return first + second; }`nconsole.log(add(1, 2));`n"
        New-TestFile TestDrive:\src\img\logo.svg '<svg/>'
    }

    It 'minifies JS and CSS with the shipped esbuild by default and leaves other files alone' {
        $files = Get-MediaFile TestDrive:\src | Invoke-MediaProcessor
        $css = $files | Where-Object RelativePath -eq 'css/site.css'
        [System.Text.Encoding]::UTF8.GetString($css.Content.ReadAllBytes()) | Should -Be "body{color:red}`n"
        $css.Processors | Should -Be 'Minify'
        $css.OriginalHash | Should -Not -Be $css.Hash
        ($files | Where-Object RelativePath -eq 'img/logo.svg').Processors | Should -BeNullOrEmpty
    }

    It 'keeps @import pointing at a published file through the README''s Minify -Fingerprint (esbuild writes @import"b.css")' {
        New-TestFile TestDrive:\src\css\a.css "@import url(`"b.css`");`n.a { background: url(i.png) }`n"
        New-TestFile TestDrive:\src\css\b.css ".b { color: blue }`n"
        New-TestFile TestDrive:\src\css\i.png 'png'
        Get-MediaFile TestDrive:\src -Include 'css/*' | Invoke-MediaProcessor Minify -Fingerprint | Publish-Media -Destination TestDrive:\out | Out-Null
        $a = Get-ChildItem TestDrive:\out\css -Filter 'a.*.css'
        $text = Get-Content -Raw $a.FullName
        # Should -Match sets no $Matches here: the -match operator does
        $text -match '@import\s*"(b\.[0-9a-f]{8}\.css)"' | Should -BeTrue -Because $text
        Test-Path (Join-Path $a.DirectoryName $Matches[1]) | Should -BeTrue
        $text -match 'url\((i\.[0-9a-f]{8}\.png)\)' | Should -BeTrue -Because $text
        Test-Path (Join-Path $a.DirectoryName $Matches[1]) | Should -BeTrue
    }

    It 'names an @import cycle as one unit through Minify -Fingerprint, and every published reference resolves' {
        New-TestFile TestDrive:\src\css\a.css "@import 'b.css';`n.a { color: red }`n"
        New-TestFile TestDrive:\src\css\b.css "@import url(a.css);`n.b { color: blue }`n"
        $warnings = @()
        Get-MediaFile TestDrive:\src -Include 'css/[ab].css' | Invoke-MediaProcessor Minify -Fingerprint -WarningVariable warnings | Publish-Media -Destination TestDrive:\out | Out-Null
        $warnings | Should -BeNullOrEmpty
        $published = @(Get-ChildItem TestDrive:\out\css -Filter '*.css')
        $published.Count | Should -Be 2
        foreach ($file in $published) {
            $text = Get-Content -Raw $file.FullName
            $text -match '@import\s*(url\()?"?([ab]\.[0-9a-f]{8}\.css)' | Should -BeTrue -Because $text
            Test-Path (Join-Path $file.DirectoryName $Matches[2]) | Should -BeTrue -Because $text
        }
    }

    It 'rewrites JS module specifiers, keeps bare ones, and names a source map after its file' {
        New-TestFile TestDrive:\src\js\main.js "import { x } from './util.js';`nimport 'lit';`nconsole.log(x);`n//# sourceMappingURL=main.js.map`n"
        New-TestFile TestDrive:\src\js\util.js "export const x = 1;`n"
        New-TestFile TestDrive:\src\js\main.js.map '{"version":3,"file":"main.js","sources":["main.ts"],"mappings":"AAAA"}'
        Get-MediaFile TestDrive:\src -Include 'js/*' | Invoke-MediaProcessor Fingerprint | Publish-Media -Destination TestDrive:\out | Out-Null
        $main = Get-ChildItem TestDrive:\out\js -Filter 'main.*.js'
        $text = Get-Content -Raw $main.FullName
        $text -match "from '\./(util\.[0-9a-f]{8}\.js)'" | Should -BeTrue -Because $text
        Test-Path (Join-Path $main.DirectoryName $Matches[1]) | Should -BeTrue
        $text | Should -Match "import 'lit'"
        $text | Should -Match ([regex]::Escape("sourceMappingURL=$($main.Name).map"))
        (Get-Content -Raw "$($main.FullName).map" | ConvertFrom-Json).file | Should -Be $main.Name
    }

    It 'rewrites root-relative references under -MediaUrl and refuses a stylesheet that is not UTF-8, naming it' {
        New-TestFile TestDrive:\src\css\s.css ".a { background: url(/static/img/logo.svg) }`n"
        [System.IO.File]::WriteAllBytes("$TestDrive/src/css/bad.css", [byte[]](0x61, 0x7B, 0x63, 0x6F, 0x6E, 0x74, 0x65, 0x6E, 0x74, 0x3A, 0x22, 0xE9, 0x22, 0x7D))
        $files = Get-MediaFile TestDrive:\src -Include 'css/*', 'img/*' | Invoke-MediaProcessor Fingerprint -MediaUrl /static/ -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $logo = $files | Where-Object LogicalPath -eq 'img/logo.svg'
        $files | Where-Object LogicalPath -eq 'css/s.css' | ForEach-Object ReadAllText | Should -Be ".a { background: url(/static/$($logo.RelativePath)) }`n"
        $problems.FullyQualifiedErrorId | Should -BeLike 'MediaSync.TextEncodingInvalid,*'
        "$problems" | Should -Match 'css/bad\.css'
        ($files | Where-Object LogicalPath -eq 'css/bad.css').Content.ReadAllBytes()[11] | Should -Be 0xE9
    }

    It 'publishes the hashed-name edge cases through Minify -Fingerprint: no warning, and every reference resolves' {
        $cases = Join-Path $PSScriptRoot '../Fixtures/manifest-cases/documents'
        $warnings = @()
        Get-MediaFile $cases | Invoke-MediaProcessor Minify -Fingerprint -MediaUrl /static/ -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable problems -ErrorAction SilentlyContinue |
            Publish-Media -Destination TestDrive:\out | Out-Null
        @($warnings) | Should -BeNullOrEmpty
        @($problems) | Should -BeNullOrEmpty
        $checked = (node --experimental-vm-modules (Join-Path $PSScriptRoot 'browser/check-refs.mjs') "$TestDrive/out" /static/ 2>$null) -join "`n" | ConvertFrom-Json
        $checked.files | Should -Be (Get-ChildItem $cases -Recurse -File -Include *.css, *.js).Count
        # Left alone by design: root-relative URLs outside /static/ (absolute_no_static.css), and the absent files that
        # module.js names in import(…) only inside string literals (comments are minified away), which the independent checker reads with a regex.
        $code = Get-Content (Join-Path $cases 'cached/module.js') | Where-Object { $_ -notmatch '^\s*(//|/\*|\*)' }
        $absent = [regex]::Matches(($code -join "`n"), 'import\(["'']([^"'']*absent[^"'']*)["'']\)') | ForEach-Object { "cached/module.js import() $($_.Groups[1].Value)" } | Select-Object -Unique
        $expected = @('cached/absolute_no_static.css @import /styles_root.css', 'cached/absolute_no_static.css url() /cached/img/relative.png') + @($absent)
        @($checked.unresolved | ForEach-Object { "$($_.file -replace '\.[0-9a-f]{8}\.', '.') $($_.kind) $($_.reference)" }) | Should -Be $expected
        $module = Get-ChildItem TestDrive:\out\cached -Filter 'module.*.js' | Get-Content -Raw
        $module | Should -Match 'import\("\./module_test\.[0-9a-f]{8}\.js"\)'
        $module | Should -Not -Match '\./module_test\.js'
    }

    It 'runs a scriptblock processor with the file as $_' {
        $files = Get-MediaFile TestDrive:\src -Include *.css | Invoke-MediaProcessor { if ($_.ContentType -like 'text/css*') { $_.Text.ToUpperInvariant() } }
        [System.Text.Encoding]::UTF8.GetString($files.Content.ReadAllBytes()) | Should -Be "BODY  {  COLOR :  RED ; }`n"
        $files.Processors | Should -Be 'ScriptBlock1'
    }

    It 'runs steps in the order given and records them' {
        $files = Get-MediaFile TestDrive:\src -Include *.css | Invoke-MediaProcessor 'Minify', { $args[0].Text + '/* tail */' }
        $files.Processors | Should -Be @('Minify', 'ScriptBlock2')
        [System.Text.Encoding]::UTF8.GetString($files.Content.ReadAllBytes()) | Should -Be "body{color:red}`n/* tail */"
    }

    It 'treats $null as unchanged and passes the same file on' {
        $files = Get-MediaFile TestDrive:\src -Include *.svg | Invoke-MediaProcessor { $null }
        $files.Processors | Should -BeNullOrEmpty
    }

    It 'turns a throwing processor into a per-file error and passes the file through' {
        $files = Get-MediaFile TestDrive:\src | Invoke-MediaProcessor { if ($_.RelativePath -eq 'js/app.js') { throw 'boom' } } -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $files | Should -HaveCount 3
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.ProcessorFailed,*'
        $problems[0].Exception.Message | Should -Match 'ScriptBlock1'
        $problems[0].Exception.Message | Should -Match 'js/app.js'
    }

    It 'refuses an unknown built-in name' {
        $err = { Get-MediaFile TestDrive:\src | Invoke-MediaProcessor 'Uglify' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.UnknownProcessor,*'
    }

    It 'keeps a file esbuild rejects, quoting esbuild''s file:line' {
        New-TestFile TestDrive:\src\js\bad.js "let = ;`n"
        $files = Get-MediaFile TestDrive:\src -Include *.js | Invoke-MediaProcessor -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        ($files | Where-Object RelativePath -eq 'js/bad.js').Processors | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MediaSync.EsbuildRejected,*'
        $problems[0].Exception.Message | Should -Match 'js/bad.js:1:'
    }

    It 'composes with Publish-Media into a folder' {
        $results = Get-MediaFile TestDrive:\src | Invoke-MediaProcessor | Publish-Media -Destination TestDrive:\out
        $results | Should -HaveCount 3
        Get-Content -Raw TestDrive:\out\css\site.css | Should -Be "body{color:red}`n"
        Get-Content -Raw TestDrive:\out\img\logo.svg | Should -Be '<svg/>'
        (Get-MediaFile TestDrive:\src | Invoke-MediaProcessor | Publish-Media -Destination TestDrive:\out).Reason | Should -Be @('Unchanged', 'Unchanged', 'Unchanged')
    }

    It 'minifies CSS and JS in process with -Minifier NUglify, keeping what the JS prints' {
        $files = Get-MediaFile TestDrive:\src | Invoke-MediaProcessor -Minifier NUglify
        ($files | Where-Object RelativePath -eq 'css/site.css').ReadAllText() | Should -Be 'body{color:#f00}'
        $js = $files | Where-Object RelativePath -eq 'js/app.js'
        $js.Processors | Should -Be 'Minify'
        $js.Length | Should -BeLessThan (Get-Item $js.FullName).Length
        $minified = Join-Path $TestDrive 'app.min.js'
        [IO.File]::WriteAllText($minified, $js.ReadAllText())
        & node -e "require('vm').runInNewContext(require('fs').readFileSync(process.argv[1], 'utf8'), { console })" $minified | Should -Be '3'
    }

    It 'keeps a file NUglify cannot parse, with one warning naming its line and column, and no error' {
        New-TestFile TestDrive:\src\js\static-block.js "class Registry { static items = []; static { Registry.items.push('boot'); } }`n"
        $files = Get-MediaFile TestDrive:\src -Include *.js | Invoke-MediaProcessor -Minifier NUglify -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable problems
        ($files | Where-Object RelativePath -eq 'js/static-block.js').Processors | Should -BeNullOrEmpty
        ($files | Where-Object RelativePath -eq 'js/app.js').Processors | Should -Be 'Minify'
        $warned | Should -HaveCount 1
        "$($warned[0])" | Should -Match "^NUglify could not minify 'js/static-block.js' \(js/static-block.js:1:\d+: [^\n]+\); it keeps its original bytes\.$"
        $problems | Should -BeNullOrEmpty
    }

    It 'writes a composed source map with Minify -SourceMap, named for the file, and publishes no stale map without it' {
        $umd = Join-Path $PSScriptRoot '../../../shared/real-world/site/media/vendor/popperjs-core/dist/umd'
        New-Item -ItemType Directory -Force TestDrive:\src\vendor\umd | Out-Null
        Copy-Item (Join-Path $umd 'popper.js'), (Join-Path $umd 'popper.js.map') TestDrive:\src\vendor\umd
        Get-MediaFile TestDrive:\src -Include 'vendor/**' | Invoke-MediaProcessor Minify -SourceMap | Publish-Media -Destination TestDrive:\out | Out-Null
        $map = Get-Content -Raw TestDrive:\out\vendor\umd\popper.js.map | ConvertFrom-Json
        $map.file | Should -Be 'popper.js'
        $map.sources | Should -Contain '../../src/createPopper.js'
        $map.sources | Should -Not -Contain 'popper.js'
        (Get-Content -Raw TestDrive:\out\vendor\umd\popper.js) | Should -Match '//# sourceMappingURL=popper\.js\.map\s*$'
        (Get-Content -Raw TestDrive:\out\vendor\umd\popper.js.map) | Should -Not -Match ([regex]::Escape([IO.Path]::GetTempPath().TrimEnd('/', '\')))

        Remove-Item TestDrive:\out -Recurse -Force
        $files = Get-MediaFile TestDrive:\src -Include 'vendor/**' | Invoke-MediaProcessor Minify -Verbose 4>&1 | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -or "$_" -match 'is not published' }
        ($files | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 1
        ($files | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).RelativePath | Should -Be 'vendor/umd/popper.js'
    }

    It 'refuses -SourceMap with -Minifier NUglify as an argument error' {
        $err = { Get-MediaFile TestDrive:\src | Invoke-MediaProcessor -Minifier NUglify -SourceMap } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MediaSync.SourceMapNeedsEsbuild,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'uses the shipped esbuild with -Minifier Esbuild, and byte for byte as Auto does' {
        $auto = (Get-MediaFile TestDrive:\src -Include *.js | Invoke-MediaProcessor).ReadAllText()
        (Get-MediaFile TestDrive:\src -Include *.js | Invoke-MediaProcessor -Minifier Esbuild).ReadAllText() | Should -Be $auto
        (Get-MediaFile TestDrive:\src -Include *.js | Invoke-MediaProcessor -Minifier NUglify).ReadAllText() | Should -Not -Be $auto
    }

    It 'refuses a minifier it does not know as a binding error that lists the choices' {
        $err = { Get-MediaFile TestDrive:\src | Invoke-MediaProcessor -Minifier Terser } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CannotConvertArgumentNoMessage,*'
        $err.Exception.Message | Should -Match 'Auto.*Esbuild.*NUglify'
    }

    It 'without any esbuild, fails -Minifier Esbuild clearly and falls back to NUglify for CSS under Auto' {
        # a copy of the module without its esbuild, in a fresh process (a loaded module keeps its folder), with no esbuild on PATH
        $copy = Join-Path $TestDrive 'no-esbuild/MediaSync'
        Copy-Item $modulePath $copy -Recurse
        Remove-Item (Join-Path $copy 'runtimes') -Recurse -Force
        $src = Join-Path $TestDrive 'src'
        $job = Start-Job {
            param($manifest, $src)
            $env:PATH = [IO.Path]::GetTempPath()
            Import-Module $manifest
            try { $null = Get-MediaFile $src | Invoke-MediaProcessor -Minifier Esbuild -ErrorAction Stop } catch { "error: $($_.FullyQualifiedErrorId)" }
            $files = Get-MediaFile $src | Invoke-MediaProcessor -WarningVariable warned -WarningAction SilentlyContinue
            "css: $(($files | Where-Object RelativePath -eq 'css/site.css').ReadAllText())"
            "js: $(($files | Where-Object RelativePath -eq 'js/app.js').Processors.Count)"
            "warnings: $($warned.Count) $($warned[0])"
        } -ArgumentList (Join-Path $copy 'MediaSync.psd1'), $src
        $out = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $out[0] | Should -BeLike 'error: MediaSync.EsbuildUnavailable,*'
        $out[1] | Should -Be 'css: body{color:#f00}'
        $out[2] | Should -Be 'js: 0'
        $out[3] | Should -Match '^warnings: 1 esbuild was not found .*-Minifier NUglify'
    }
}
