using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace MediaSync.Processing.References
{
    /// <summary>A source map published after its file: its top-level "file" field names the file's new name.</summary>
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
    }
}
