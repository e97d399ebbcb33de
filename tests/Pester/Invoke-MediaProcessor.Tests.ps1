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
}
