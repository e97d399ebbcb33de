using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Settings;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Returns the MediaSync settings this session runs with.</para>
    /// <para type="description">The settings Set-MediaSyncSetting gave this session, else mediasync.json in the current
    /// folder, else the defaults (./media published into ./out/public). With -SettingsPath, the settings in that file.
    /// Sync-Media, Get-MediaUrl, Get-MediaTag and Start-MediaServer use the same settings when given none. A name
    /// given twice ("Delete" and "delete" too) is refused as MediaSync.SettingDuplicate; a file with a UTF-8 or UTF-16
    /// byte order mark is read.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaSyncSetting | Select-Object Roots, MediaUrl, Store
    /// </code>
    /// <para>Shows where media comes from, the URL it is served from while developing, and the store it is published to.</para>
    /// </example>
    /// <example>
    /// <code>
    /// '{ "Roots": ["site/media"], "Fingerprint": true }' | Set-Content ./mediasync.json
    /// (Get-MediaSyncSetting -SettingsPath ./mediasync.json).Fingerprint
    /// </code>
    /// <para>Reads a settings file; relative paths in it are taken from its folder. An unknown key, or a value of the wrong type, stops with its line.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MediaSyncSetting")]
    [OutputType(typeof(MediaSyncSettings))]
    public sealed class GetMediaSyncSettingCommand : MediaSyncCmdlet
    {
        /// <summary>A mediasync.json to read instead of the session's settings.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? SettingsPath { get; set; }

        protected override void EndProcessing() =>
            RunEngine(() => WriteObject(SessionSettings.Resolve(this, SettingsPath, null)));
    }
}
