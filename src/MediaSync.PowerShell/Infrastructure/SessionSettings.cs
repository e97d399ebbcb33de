using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MediaSync.Settings;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>
    /// The settings of this PowerShell session (the ancestor's msettings): Set-MediaSyncSetting changes them, and the
    /// commands that read settings use them unless given -SettingsPath or -Settings, which always win.
    /// </summary>
    internal static class SessionSettings
    {
        private static readonly ConcurrentDictionary<Guid, MediaSyncSettings> BySession = new ConcurrentDictionary<Guid, MediaSyncSettings>();

        private static Guid Session => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        public static MediaSyncSettings? Current => BySession.TryGetValue(Session, out var settings) ? settings : null;

        public static void Set(MediaSyncSettings? settings)
        {
            if (settings == null) BySession.TryRemove(Session, out _);
            else BySession[Session] = settings;
        }

        /// <summary>
        /// The settings a command runs with: the file given, else the session's, else mediasync.json in the current
        /// folder, else the defaults; then the hashtable given, applied on top.
        /// </summary>
        public static MediaSyncSettings Resolve(MediaSyncCmdlet cmdlet, string? settingsPath, IDictionary? overrides) =>
            Resolve(cmdlet.SessionState.Path, settingsPath, overrides);

        /// <summary>The same, for what has a session's paths but no cmdlet (tab completion).</summary>
        public static MediaSyncSettings Resolve(PathIntrinsics paths, string? settingsPath, IDictionary? overrides)
        {
            var here = paths.CurrentFileSystemLocation.ProviderPath;
            var settings = settingsPath != null ? SettingsReader.ReadFile(paths.GetUnresolvedProviderPathFromPSPath(settingsPath)) : Current?.Clone() ?? SettingsReader.Find(here);
            return overrides == null ? settings : SettingsReader.FromDictionary(overrides, settings, here, Unwrap, Function);
        }

        internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>A scriptblock as a function of a URL (the CacheBuster setting); it runs on the thread that asks, the pipeline's.</summary>
        internal static Func<string, string>? Function(object value) =>
            value is ScriptBlock script ? url => string.Concat(script.Invoke(url).Select(o => o?.ToString())) : (Func<string, string>?)null;
    }
}
