using System;
using System.IO;
using System.Text.Json;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>
    /// An app's own <c>mediasync.json</c>: <c>{ "mediaDirectoryName": "static" }</c> lets one app keep
    /// its media under another folder name than the run's default.
    /// </summary>
    internal static class AppSettings
    {
        public const string FileName = "mediasync.json";

        public static string? ReadMediaDirectoryName(string appFolder)
        {
            var path = Path.Combine(appFolder, FileName);
            if (!File.Exists(path)) return null;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException e)
            {
                throw new MediaSyncException(Errors.AppSettingsInvalid(path, e.Message, e));
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new MediaSyncException(Errors.AppSettingsInvalid(path, "the top level must be an object."));
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!property.Name.Equals("mediaDirectoryName", StringComparison.OrdinalIgnoreCase)) continue;
                    if (property.Value.ValueKind != JsonValueKind.String)
                        throw new MediaSyncException(Errors.AppSettingsInvalid(path, "\"mediaDirectoryName\" must be a string."));
                    return property.Value.GetString();
                }
            }
            return null;
        }
    }
}
