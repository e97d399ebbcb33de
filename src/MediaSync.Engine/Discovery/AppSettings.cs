using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MediaSync.Reporting;
using MediaSync.Settings;

namespace MediaSync.Discovery
{
    /// <summary>
    /// An app's own <c>mediasync.json</c>: <c>{ "mediaDirectoryName": "static" }</c> lets one app keep
    /// its media under another folder name than the run's default. Read by the settings' own reader, so a byte order
    /// mark and a name given twice are treated as in the project's mediasync.json.
    /// </summary>
    internal static class AppSettings
    {
        public const string FileName = "mediasync.json";

        public static string? ReadMediaDirectoryName(string appFolder)
        {
            var path = Path.Combine(appFolder, FileName);
            if (!File.Exists(path)) return null;
            SettingNode root;
            try { root = SettingNode.FromJson(File.ReadAllBytes(path)); }
            catch (JsonException e) { throw new MediaSyncException(Errors.AppSettingsInvalid(path, e.Message, e)); }
            if (root.Kind != NodeKind.Object)
                throw new MediaSyncException(Errors.AppSettingsInvalid(path, "the top level must be an object."));
            SettingsReader.RefuseDuplicates(root, StringComparer.OrdinalIgnoreCase, null, node => $"in '{path}' line {node.Line}");
            var name = root.Properties.FirstOrDefault(p => p.Key.Equals("mediaDirectoryName", StringComparison.OrdinalIgnoreCase));
            if (name.Value == null) return null;
            if (name.Value.Kind != NodeKind.String)
                throw new MediaSyncException(Errors.AppSettingsInvalid(path, "\"mediaDirectoryName\" must be a string."));
            return (string)name.Value.Value!;
        }
    }
}
