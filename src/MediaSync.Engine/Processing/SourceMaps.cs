using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>Source maps around Minify: the input's linked map, and esbuild's new map renamed for the file's real key.</summary>
    internal static class SourceMaps
    {
        /// <summary>The map with "file" set to <paramref name="fileName"/>, every other byte kept; the map unchanged when it has no "file" or is no JSON.</summary>
        public static byte[] WithFile(byte[] map, string fileName)
        {
            try
            {
                var reader = new Utf8JsonReader(map, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                var skip = map.Length >= 3 && map[0] == 0xEF && map[1] == 0xBB && map[2] == 0xBF;
                if (skip) reader = new Utf8JsonReader(new ReadOnlySpan<byte>(map, 3, map.Length - 3), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                var offset = skip ? 3 : 0;
                while (reader.Read())
                {
                    if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("file")) continue;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String) return map;
                    var start = offset + (int)reader.TokenStartIndex;
                    var end = offset + (int)reader.BytesConsumed;
                    var value = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fileName));
                    var result = new byte[start + value.Length + map.Length - end];
                    Array.Copy(map, result, start);
                    value.CopyTo(result, start);
                    Array.Copy(map, end, result, start + value.Length, map.Length - end);
                    return result;
                }
            }
            catch (JsonException) { }
            return map;
        }

        internal static bool IsMap(string key) => key.EndsWith(".map", StringComparison.OrdinalIgnoreCase);

        private const string Marker = "sourceMappingURL=";

        /// <summary>
        /// The key of the map the file's trailing sourceMappingURL comment names, resolved against the file's key;
        /// null for none, a data: URL or an absolute one. Reads only the file's tail.
        /// </summary>
        public static string? LinkedMap(MediaFile file)
        {
            string tail;
            using (var stream = file.Content.OpenRead())
            {
                var length = stream.CanSeek ? stream.Length : -1;
                if (length > 1024) stream.Seek(length - 1024, SeekOrigin.Begin);
                using (var reader = new StreamReader(stream, Encoding.UTF8))
                {
                    tail = reader.ReadToEnd();
                    if (!stream.CanSeek && tail.Length > 1024) tail = tail.Substring(tail.Length - 1024);
                }
            }
            var at = tail.LastIndexOf(Marker, StringComparison.Ordinal);
            if (at < 0) return null;
            var end = at + Marker.Length;
            while (end < tail.Length && !char.IsWhiteSpace(tail[end]) && tail[end] != '*') end++;
            var url = tail.Substring(at + Marker.Length, end - at - Marker.Length);
            if (url.Length == 0 || url.IndexOf(':') >= 0 || url.StartsWith("/", StringComparison.Ordinal) || url.IndexOf('?') >= 0 || url.IndexOf('#') >= 0) return null;
            var folder = file.RelativePath.LastIndexOf('/') < 0 ? "" : file.RelativePath.Substring(0, file.RelativePath.LastIndexOf('/') + 1);
            return Resolve(folder + Uri.UnescapeDataString(url));
        }

        /// <summary>Collapses ./ and ../ in a key; null when it climbs above the root.</summary>
        private static string? Resolve(string key)
        {
            var parts = new List<string>();
            foreach (var part in key.Split('/'))
            {
                if (part == "." || part.Length == 0) continue;
                if (part == "..")
                {
                    if (parts.Count == 0) return null;
                    parts.RemoveAt(parts.Count - 1);
                }
                else parts.Add(part);
            }
            return string.Join("/", parts);
        }

        /// <summary>
        /// esbuild's map for one output, for the published file named <paramref name="fileName"/>: "file" names it, and
        /// each source (relative to esbuild's temp output folder) becomes relative to the input's folder, or the file's own
        /// name for a copy in the temp folder, so no temp or machine path is published.
        /// </summary>
        public static byte[] Rewrite(byte[] map, string fileName, string outputFolder, string workFolder, string inputPath, Func<string, string?> tempName)
        {
            var json = JsonNode.Parse(map)!.AsObject();
            json["file"] = fileName;
            if (json["sources"] is JsonArray sources)
            {
                var inputFolder = Path.GetDirectoryName(Path.GetFullPath(inputPath))!;
                for (var i = 0; i < sources.Count; i++)
                {
                    var source = sources[i]?.GetValue<string>();
                    if (source == null || source.IndexOf("://", StringComparison.Ordinal) >= 0) continue;
                    var full = Path.GetFullPath(Path.Combine(outputFolder, source));
                    sources[i] = Inside(workFolder, full) ? tempName(full) ?? Path.GetFileName(full) : RelativeFrom(inputFolder, full);
                }
            }
            json.Remove("sourceRoot");
            return Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }

        private static bool Inside(string folder, string path) =>
            path.StartsWith(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, Discovery.PathComparison.ForPlatform);

        /// <summary>A '/'-separated path from <paramref name="folder"/> to <paramref name="path"/>; the file name alone on another drive.</summary>
        internal static string RelativeFrom(string folder, string path)
        {
            var from = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
            var to = Path.GetFullPath(path).Split(Path.DirectorySeparatorChar);
            var common = 0;
            while (common < from.Length && common < to.Length - 1 && string.Equals(from[common], to[common], Discovery.PathComparison.ForPlatform)) common++;
            if (common == 0) return Path.GetFileName(path);
            var parts = new List<string>();
            for (var i = common; i < from.Length; i++) parts.Add("..");
            for (var i = common; i < to.Length; i++) parts.Add(to[i]);
            return string.Join("/", parts);
        }

        /// <summary>Replaces esbuild's trailing comment for the index-named map with one naming <paramref name="mapName"/>.</summary>
        public static byte[] Relink(byte[] output, string indexMapName, string mapName)
        {
            var text = Encoding.UTF8.GetString(output);
            var old = Marker + indexMapName;
            var at = text.LastIndexOf(old, StringComparison.Ordinal);
            if (at < 0) return output;
            return Encoding.UTF8.GetBytes(text.Substring(0, at) + Marker + mapName + text.Substring(at + old.Length));
        }
    }

    /// <summary>Applies a step's companions and stale keys to the set: a companion replaces its key, a stale key goes.</summary>
    internal static class MediaCompanions
    {
        public static MediaFile[] Apply(MediaFile[] current, List<MediaFile>? companions, List<string>? stale, string processor, IEngineHost host)
        {
            var replaced = new HashSet<string>(StringComparer.Ordinal);
            if (companions != null) foreach (var companion in companions) replaced.Add(companion.RelativePath);
            var dropped = new HashSet<string>(stale ?? new List<string>(), StringComparer.Ordinal);
            var result = new List<MediaFile>(current.Length + replaced.Count);
            foreach (var file in current)
            {
                if (replaced.Contains(file.RelativePath)) continue;
                if (dropped.Contains(file.RelativePath) && !file.Deleted)
                {
                    host.WriteVerbose($"'{file.RelativePath}' is not published: it maps a file that {processor} rewrote without its sourceMappingURL comment (-SourceMap writes a new map).");
                    continue;
                }
                result.Add(file);
            }
            if (companions != null) result.AddRange(companions);
            return result.ToArray();
        }
    }
}
