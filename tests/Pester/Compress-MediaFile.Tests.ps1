#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Drives Compress-MediaFile as a user would, against the BUILT module (out/MediaSync).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:css = (1..100 | ForEach-Object { ".rule-$_ { margin: $($_)px; color: #333; }" }) -join "`n"
    # The netstandard2.0 build (Windows PowerShell 5.1) has no brotli encoder; PowerShell 7's build makes both.
    $script:hasBrotli = $env:MEDIASYNC_FRAMEWORK -ne 'netstandard2.0'
    $script:encodings = if ($hasBrotli) { @('gzip', 'br') } else { @('gzip') }
}

Describe 'Compress-MediaFile' {
    BeforeEach {
        Remove-Item TestDrive:\src, TestDrive:\out -Recurse -Force -ErrorAction SilentlyContinue
        New-TestFile TestDrive:\src\css\site.css $script:css
        New-TestFile TestDrive:\src\img\photo.jpg ('x' * 5000)
    }

    It 'passes originals on, each followed by gzip and brotli variants' {
        $files = Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile
        $files.RelativePath | Should -Be (@('css/site.css', 'css/site.css.gz', 'css/site.css.br') | Select-Object -First (1 + $encodings.Count))
        $files[0].ContentEncoding | Should -BeNullOrEmpty
        ($files | Where-Object ContentEncoding).ContentEncoding | Should -Be $encodings
        $files[1].VariantOf | Should -Be 'css/site.css'
        $files[1].ContentType | Should -Be 'text/css; charset=utf-8'
    }

    It 'refuses brotli where the build has no encoder, and makes it where it has one' {
        $make = { Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile br }
        if ($hasBrotli) { (& $make)[1].ContentEncoding | Should -Be 'br' }
        else { $make | Should -Throw -ErrorId 'MediaSync.ConflictingArguments,*' }
    }

    It 'does not compress images' {
        (Get-MediaFile TestDrive:\src -Include *.jpg | Compress-MediaFile).RelativePath | Should -Be 'img/photo.jpg'
    }

    It 'names variants with -VariantNaming Infix' {
        (Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile gzip -VariantNaming Infix).RelativePath | Should -Be @('css/site.css', 'css/site.gz.css')
    }

    It 'gives the same bytes every time' {
        $first = (Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile gzip)[1].Hash
        $second = (Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile gzip)[1].Hash
        $second | Should -Be $first
    }

    It 'publishes variants next to originals, and a re-run changes nothing' {
        Get-MediaFile TestDrive:\src | Invoke-MediaProcessor | Compress-MediaFile | Publish-Media -Destination TestDrive:\out | Out-Null
        Test-Path TestDrive:\out\css\site.css.gz | Should -BeTrue
        Test-Path TestDrive:\out\css\site.css.br | Should -Be $hasBrotli
        (Get-MediaFile TestDrive:\src | Invoke-MediaProcessor | Compress-MediaFile | Publish-Media -Destination TestDrive:\out).Action |
            Should -Not -Contain 'Updated'
    }

    It 'keeps twins in the -CachePath folder and a re-run reports every twin as a cache hit' {
        $first = Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile -CachePath TestDrive:\cache -Verbose 4>&1
        (Get-ChildItem TestDrive:\cache -Recurse -File -Exclude CACHEDIR.TAG).Count | Should -Be $encodings.Count
        Test-Path TestDrive:\cache\CACHEDIR.TAG | Should -BeTrue -Because 'the cache is tagged, so discovery and backups skip it'
        $again = Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile -CachePath TestDrive:\cache -Verbose 4>&1
        ($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain "Compress: $($encodings.Count) cache hit(s) of $($encodings.Count) twin(s) in '$((Resolve-Path TestDrive:\cache).ProviderPath)'."
        ($again | Where-Object { $_ -is [MediaSync.MediaFile] }).RelativePath | Should -Be ($first | Where-Object { $_ -is [MediaSync.MediaFile] }).RelativePath
        $none = Get-MediaFile TestDrive:\src -Include *.css | Compress-MediaFile -CachePath TestDrive:\nocache -NoCache
        $none.Count | Should -Be (1 + $encodings.Count)
        Test-Path TestDrive:\nocache | Should -BeFalse
    }
}
