using System.Collections;
using System.Management.Automation;
using MediaSync.Settings;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>What the commands that read MediaSync settings share: -SettingsPath and -Settings, which win over the session's.</summary>
    public abstract class SettingsCmdlet : MediaSyncCmdlet
    {
        /// <summary>A mediasync.json to read instead of the session's settings or the one in the current folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SettingsPath { get; set; }

        /// <summary>Settings by key, applied on top of the file's or the session's (e.g. @{ MediaUrl = '/static/' }).</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Settings { get; set; }

        /// <summary>The settings this command runs with (a copy: changing it changes nothing else).</summary>
        internal MediaSyncSettings ResolveSettings() => SessionSettings.Resolve(this, SettingsPath, Settings);
    }
}
