using System.Collections;
using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Settings;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Changes the MediaSync settings for this session.</para>
    /// <para type="description">Like the ancestor's msettings: the keys of -Settings change and the rest stay, on top of the
    /// session's settings (or mediasync.json in the current folder, or the defaults). -SettingsPath makes a file's
    /// settings the session's; -Reset forgets them. Commands given -SettingsPath or -Settings use those instead.
    /// Bad settings are refused before anything changes.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Set-MediaSyncSetting @{ Roots = './site/media'; MediaUrl = '/static/'; CacheBuster = 'v=2' }
    /// Get-MediaUrl css/site.css
    /// Set-MediaSyncSetting -Reset
    /// </code>
    /// <para>Serves media from /static/ for this session, with a cache buster: '/static/css/site.css?v=2'; -Reset forgets it again.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Set-MediaSyncSetting @{ CacheBuster = { param($url) 'h=' + $url.Length } }
    /// Get-MediaUrl js/site.js; Set-MediaSyncSetting -Reset
    /// </code>
    /// <para>A scriptblock as the cache buster is given each URL, as the ancestor's callable was. -Reset goes back to mediasync.json or the defaults.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "MediaSyncSetting", SupportsShouldProcess = true, DefaultParameterSetName = SettingsSet)]
    [OutputType(typeof(MediaSyncSettings))]
    public sealed class SetMediaSyncSettingCommand : MediaSyncCmdlet
    {
        private const string SettingsSet = "Settings";
        private const string PathSet = "SettingsPath";
        private const string ResetSet = "Reset";

        /// <summary>The settings to change, by key, as in mediasync.json (e.g. @{ MediaUrl = '/static/' }).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SettingsSet)]
        [ValidateNotNull]
        public IDictionary? Settings { get; set; }

        /// <summary>A mediasync.json whose settings become the session's.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? SettingsPath { get; set; }

        /// <summary>Forgets the session's settings: commands read mediasync.json in the current folder again, or the defaults.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ResetSet)]
        public SwitchParameter Reset { get; set; }

        /// <summary>Returns the settings the session now has.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing() =>
            RunEngine(() =>
            {
                var settings = Reset.IsPresent ? null : SessionSettings.Resolve(this, SettingsPath, Settings);
                if (!ShouldProcess("this session's MediaSync settings", Reset.IsPresent ? "Reset" : "Set")) return;
                SessionSettings.Set(settings);
                if (PassThru.IsPresent) WriteObject(SessionSettings.Resolve(this, null, null));
            });
    }
}
