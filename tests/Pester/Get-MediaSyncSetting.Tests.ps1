#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-MediaSyncSetting and Set-MediaSyncSetting as a user meets them: where settings come from, the session's
# settings, explicit parameters winning, and bad settings stopping with the key, the file and its line.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # Each test starts in an empty folder with no session settings, and leaves none behind.
    function Enter-EmptyFolder {
        Remove-Item TestDrive:\work -Recurse -Force -ErrorAction SilentlyContinue
        New-Item -ItemType Directory TestDrive:\work | Out-Null
        Push-Location TestDrive:\work
        Set-MediaSyncSetting -Reset
    }

    function Exit-Folder {
        Set-MediaSyncSetting -Reset
        Pop-Location
    }
}

Describe 'Get-MediaSyncSetting' {
    BeforeEach { Enter-EmptyFolder }
    AfterEach { Exit-Folder }

    It 'gives the defaults without a file: ./media into ./out/public, served from /media/' {
        $settings = Get-MediaSyncSetting
        $settings | Should -BeOfType ([MediaSync.Settings.MediaSyncSettings])
        $settings.Roots | Should -Be (Join-Path (Get-Location).ProviderPath 'media')
        $settings.FolderDestination | Should -Be (Join-Path (Get-Location).ProviderPath 'out/public')
        $settings.MediaUrl | Should -Be '/media/'
    }

    It 'reads mediasync.json from the current folder, with paths from its folder' {
        Set-Content ./mediasync.json '{ "Roots": ["site/media"], "MediaUrl": "/static/", "Store": { "Type": "S3", "Bucket": "media" } }'
        $settings = Get-MediaSyncSetting
        $settings.SourcePath | Should -Be (Join-Path (Get-Location).ProviderPath 'mediasync.json')
        $settings.Roots | Should -Be (Join-Path (Get-Location).ProviderPath 'site/media')
        $settings.Store.Type | Should -Be 'S3'
    }

    It 'refuses an unknown key with the nearest one and the line, and a wrong type with the type expected' {
        Set-Content ./bad.json "{`n  `"MediaURL`": `"/x/`",`n  `"Compres`": true`n}"
        { Get-MediaSyncSetting ./bad.json } | Should -Throw -ErrorId 'MediaSync.SettingUnknown,*' -ExpectedMessage "*'Compres'*line 3*Did you mean 'Compress'?*"
        Set-Content ./bad.json "{ `"ExpirationDays`": `"soon`" }"
        { Get-MediaSyncSetting ./bad.json } | Should -Throw -ErrorId 'MediaSync.SettingWrongType,*' -ExpectedMessage "*'ExpirationDays'*bad.json' line 1 must be a whole number, not string*"
        Set-Content ./bad.json "{ `"Store`": { `"Type`": `"Dropbox`" } }"
        { Get-MediaSyncSetting ./bad.json } | Should -Throw -ErrorId 'MediaSync.StoreTypeUnknown,*' -ExpectedMessage '*Folder, S3, AzureBlob, Swift*'
        { Get-MediaSyncSetting ./none.json } | Should -Throw -ErrorId 'MediaSync.SettingsNotFound,*'
    }

    It 'ships the JSON schema that mediasync.json refers to' {
        $schema = Get-Content -Raw (Join-Path $modulePath 'mediasync.schema.json') | ConvertFrom-Json
        $schema.properties.Fingerprint.type | Should -Be 'boolean'
        $schema.additionalProperties | Should -BeFalse
    }
}

Describe 'Set-MediaSyncSetting' {
    BeforeEach { Enter-EmptyFolder }
    AfterEach { Exit-Folder }

    It 'changes the named keys for the session and keeps the rest, and -Reset forgets them' {
        Set-Content ./mediasync.json '{ "Roots": ["site/media"], "MediaUrl": "/static/" }'
        Set-MediaSyncSetting @{ CacheBuster = 'v=9' }
        $settings = Get-MediaSyncSetting
        ($settings.MediaUrl, $settings.CacheBuster) | Should -Be @('/static/', 'v=9')
        Get-MediaUrl css/a.css | Should -Be '/static/css/a.css?v=9'
        Set-MediaSyncSetting -Reset
        Get-MediaUrl css/a.css | Should -Be '/static/css/a.css'
    }

    It 'lets explicit parameters win over the session settings' {
        Set-MediaSyncSetting @{ MediaUrl = '/session/' }
        Get-MediaUrl css/a.css -Settings @{ MediaUrl = '/explicit/' } | Should -Be '/explicit/css/a.css'
        Set-Content ./other.json '{ "MediaUrl": "/file/" }'
        Get-MediaUrl css/a.css -SettingsPath ./other.json | Should -Be '/file/css/a.css'
        Get-MediaUrl css/a.css | Should -Be '/session/css/a.css'
    }

    It 'takes a file for the session, changes nothing under -WhatIf, and refuses bad settings without changing anything' {
        Set-Content ./other.json '{ "MediaUrl": "/file/" }'
        Set-MediaSyncSetting -SettingsPath ./other.json -PassThru | ForEach-Object MediaUrl | Should -Be '/file/'
        Set-MediaSyncSetting @{ MediaUrl = '/whatif/' } -WhatIf
        (Get-MediaSyncSetting).MediaUrl | Should -Be '/file/'
        { Set-MediaSyncSetting @{ MediaUrls = '/x/' } } | Should -Throw -ErrorId 'MediaSync.SettingUnknown,*' -ExpectedMessage "*Did you mean 'MediaUrl'?*"
        { Set-MediaSyncSetting @{ Store = @{ Type = 'S3'; Bucket = 'b'; SecretAccessKey = 'hunter2' } } } | Should -Throw -ErrorId 'MediaSync.SettingIsSecret,*'
        (Get-MediaSyncSetting).MediaUrl | Should -Be '/file/'
    }
}
