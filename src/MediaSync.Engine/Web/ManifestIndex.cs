using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MediaSync.Reporting;

namespace MediaSync.Web
{
    /// <summary>One entry of manifest.json: the key a logical path is published under, its SRI value and bundle members.</summary>
    internal sealed class ManifestEntry
    {
        public ManifestEntry(string key, string? integrity, IReadOnlyList<string> members)
        {
            Key = key;
            Integrity = integrity;
            Members = members;
        }

        public string Key { get; }
        public string? Integrity { get; }
        public IReadOnlyList<string> Members { get; }
    }

    /// <summary>
    /// manifest.json as URLs and tags read it (the format Export-MediaManifest writes; docs/architecture.md shows how a
    /// template in another language reads it too). Loaded again only when the file changes.
    /// </summary>
    internal sealed class ManifestIndex
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, (DateTime Stamp, long Length, ManifestIndex Index)> Loaded =
            new Dictionary<string, (DateTime, long, ManifestIndex)>(StringComparer.Ordinal);

        private readonly Dictionary<string, ManifestEntry> _entries;

        private ManifestIndex(Dictionary<string, ManifestEntry> entries) => _entries = entries;

        public static readonly ManifestIndex Empty = new ManifestIndex(new Dictionary<string, ManifestEntry>(StringComparer.Ordinal));

        public ManifestEntry? this[string logicalPath] => _entries.TryGetValue(logicalPath, out var entry) ? entry : null;

        /// <summary>Every logical path the manifest names.</summary>
        public IEnumerable<string> LogicalPaths => _entries.Keys;

        /// <summary>The manifest at <paramref name="path"/>, or <see cref="Empty"/> when there is none yet.</summary>
        public static ManifestIndex Load(string path)
        {
            var info = new FileInfo(path);
            if (!info.Exists) return Empty;
            lock (Gate)
            {
                if (Loaded.TryGetValue(info.FullName, out var cached) && cached.Stamp == info.LastWriteTimeUtc && cached.Length == info.Length) return cached.Index;
                var index = Parse(info.FullName);
                Loaded[info.FullName] = (info.LastWriteTimeUtc, info.Length, index);
                return index;
            }
        }

        private static ManifestIndex Parse(string path)
        {
            try
            {
                using (var document = JsonDocument.Parse(File.ReadAllBytes(path)))
                {
                    var entries = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
                    foreach (var file in document.RootElement.GetProperty("files").EnumerateObject())
                    {
                        var value = file.Value;
                        var members = value.TryGetProperty("members", out var list) ? list.EnumerateArray().Select(m => m.GetString()!).ToList() : new List<string>();
                        entries[file.Name] = new ManifestEntry(value.GetProperty("key").GetString()!,
                            value.TryGetProperty("integrity", out var integrity) ? integrity.GetString() : null, members);
                    }
                    return new ManifestIndex(entries);
                }
            }
            catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException)
            {
                throw new MediaSyncException(Errors.ManifestUnreadable(path, e));
            }
        }
    }
}
