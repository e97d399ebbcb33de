using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaSync.Reporting;

namespace MediaSync.Web
{
    /// <summary>
    /// One entry of manifest.json: the key a logical path is published under, its SRI value, bundle members, compressed
    /// variants (encoding to key) and, for a script, the logical paths it imports statically.
    /// </summary>
    internal sealed class ManifestEntry
    {
        public ManifestEntry(string key, string? integrity, IReadOnlyList<string> members,
            IReadOnlyDictionary<string, string>? variants = null, IReadOnlyList<string>? imports = null)
        {
            Key = key;
            Integrity = integrity;
            Members = members;
            Variants = variants ?? new Dictionary<string, string>();
            Imports = imports ?? new string[0];
        }

        public IReadOnlyDictionary<string, string> Variants { get; }
        public IReadOnlyList<string> Imports { get; }

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

        // SRI as browsers read it (sha256, sha384 or sha512, a dash, base64); options after '?' are refused, as no browser defines one
        private static readonly Regex IntegrityToken = new Regex("^(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}$", RegexOptions.CultureInvariant);
        private static readonly Regex Scheme = new Regex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant);

        /// <summary>
        /// Why an entry cannot be trusted, or null: every key (logical, published, member) must stay inside the media
        /// root and carry no scheme or control character, and the integrity must be SRI tokens and nothing else.
        /// </summary>
        private static string? Problem(string logical, ManifestEntry entry)
        {
            foreach (var key in new[] { logical, entry.Key }.Concat(entry.Members).Concat(entry.Variants.Values).Concat(entry.Imports))
                if (KeyProblem(key) is string problem) return $"has the key '{key}', which {problem}";
            if (entry.Integrity is string integrity
                && (integrity.Trim().Length == 0 || integrity.Split(new[] { ' ', '\t', '\n', '\r', '\f' }, StringSplitOptions.RemoveEmptyEntries).Any(t => !IntegrityToken.IsMatch(t))))
                return "has an integrity value that is not sha256-, sha384- or sha512- and base64";
            return null;
        }

        private static string? KeyProblem(string? key)
        {
            if (key == null) return "is not a string";
            if (key.Any(char.IsControl)) return "contains a control character";
            if (!MediaKey.IsValid(key, out var problem)) return "leaves the media root (" + problem + ")";
            if (Scheme.IsMatch(key)) return "starts with a URL scheme";
            return null;
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
                        var variants = value.TryGetProperty("variants", out var encodings)
                            ? encodings.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString()!, StringComparer.Ordinal) : null;
                        var imports = value.TryGetProperty("imports", out var imported) ? imported.EnumerateArray().Select(m => m.GetString()!).ToList() : null;
                        var entry = new ManifestEntry(value.GetProperty("key").GetString()!,
                            value.TryGetProperty("integrity", out var integrity) ? integrity.GetString() : null, members, variants, imports);
                        if (Problem(file.Name, entry) is string problem) throw new MediaSyncException(Errors.ManifestInvalid(path, file.Name, problem));
                        entries[file.Name] = entry;
                    }
                    return new ManifestIndex(entries);
                }
            }
            catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is ArgumentNullException)
            {
                throw new MediaSyncException(Errors.ManifestUnreadable(path, e));
            }
        }
    }
}
