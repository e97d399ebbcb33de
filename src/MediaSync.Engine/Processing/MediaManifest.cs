using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using MediaSync.Content;
using MediaSync.Platform;

namespace MediaSync.Processing
{
    /// <summary>
    /// manifest.json: for each logical key, the key it is published under, its MD5 and size, an SRI integrity value,
    /// its compressed variants, for bundles, its members and, for scripts, the logical keys they import statically
    /// ("imports", what Get-MediaTag -Preload follows). Keys are sorted, so the file diffs cleanly.
    /// </summary>
    internal static class MediaManifest
    {
        public static byte[] Build(IEnumerable<MediaFile> files)
        {
            var all = files.ToList();
            var entries = new SortedDictionary<string, MediaFile>(StringComparer.Ordinal);
            foreach (var file in all.Where(f => f.ContentEncoding == null && !f.IsOverridden))
                if (!entries.ContainsKey(file.LogicalPath)) entries.Add(file.LogicalPath, file);
            var variants = all.Where(f => f.ContentEncoding != null)
                .GroupBy(f => f.LogicalPath, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.GroupBy(v => v.ContentEncoding!).ToDictionary(e => e.Key, e => e.First().RelativePath), StringComparer.Ordinal);
            var logical = new Dictionary<string, string>(StringComparer.Ordinal); // published key -> logical key
            foreach (var entry in entries) logical[entry.Value.RelativePath] = entry.Key;

            using (var buffer = new MemoryStream())
            {
                // Relaxed escaping writes integrity values as people read them ('+', not \u002B); still valid JSON.
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    json.WriteStartObject();
                    json.WriteNumber("version", 1);
                    json.WriteStartObject("files");
                    foreach (var entry in entries)
                    {
                        var file = entry.Value;
                        json.WriteStartObject(entry.Key);
                        json.WriteString("key", file.RelativePath);
                        json.WriteString("contentType", file.ContentType);
                        json.WriteString("hash", file.Hash);
                        json.WriteNumber("size", file.Length);
                        json.WriteString("integrity", Integrity(file.Content));
                        if (variants.TryGetValue(entry.Key, out var encodings))
                        {
                            json.WriteStartObject("variants");
                            foreach (var encoding in encodings.OrderBy(e => e.Key, StringComparer.Ordinal)) json.WriteString(encoding.Key, encoding.Value);
                            json.WriteEndObject();
                        }
                        var imports = References.ModuleImports.Of(file, logical);
                        if (imports.Count > 0)
                        {
                            json.WriteStartArray("imports");
                            foreach (var import in imports) json.WriteStringValue(import);
                            json.WriteEndArray();
                        }
                        if (file.Members.Count > 0)
                        {
                            json.WriteStartArray("members");
                            foreach (var member in file.Members) json.WriteStringValue(member);
                            json.WriteEndArray();
                        }
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                buffer.WriteByte((byte)'\n');
                return buffer.ToArray();
            }
        }

        /// <summary>Subresource Integrity value: sha384- and the base64 digest.</summary>
        public static string Integrity(MediaContent content)
        {
            using (var sha = SHA384.Create())
            using (var stream = content.OpenRead())
                return "sha384-" + Convert.ToBase64String(sha.ComputeHash(stream));
        }

        /// <summary>
        /// The manifest of <paramref name="files"/> as a MediaFile keyed by <paramref name="path"/>'s file name, so it
        /// is published with them (after them: <see cref="MediaFile.PublishesLast"/>). <paramref name="write"/> also
        /// writes it to <paramref name="path"/>, atomically (temp file, then rename).
        /// </summary>
        public static MediaFile Export(string path, IEnumerable<MediaFile> files, bool write)
        {
            var full = Path.GetFullPath(path);
            var content = new MemoryContent(Build(files));
            var now = DateTime.UtcNow;
            if (write) Write(full, content, now);
            return new MediaFile(Path.GetFileName(full), full, ManifestSource, Path.GetDirectoryName(full)!, content, now) { IsManifest = true };
        }

        /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (atomically) unless the file there already holds exactly it.</summary>
        internal static void WriteIfChanged(string path, MediaContent content)
        {
            var full = Path.GetFullPath(path);
            var bytes = content.ReadAllBytes();
            if (File.Exists(full) && new FileInfo(full).Length == bytes.Length && File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes)) return;
            Write(full, new MemoryContent(bytes), DateTime.UtcNow);
        }

        /// <summary>Atomically (temp file, then rename), its folder made first.</summary>
        private static void Write(string fullPath, MediaContent content, DateTime lastWriteTimeUtc)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            AtomicFile.Write(content, fullPath, lastWriteTimeUtc, _ => { }, default);
        }

        /// <summary>The Source of a manifest passed on by Export-MediaManifest.</summary>
        public const string ManifestSource = "(manifest)";
    }
}
