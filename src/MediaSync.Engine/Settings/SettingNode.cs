using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MediaSync.Settings
{
    internal enum NodeKind { Object, Array, String, Number, Boolean, Null, Other }

    /// <summary>
    /// One value of a settings source, read from JSON (with its line, for messages) or from a hashtable, so that one
    /// binder checks both the same way.
    /// </summary>
    internal sealed class SettingNode
    {
        private SettingNode(NodeKind kind, object? value, int line)
        {
            Kind = kind;
            Value = value;
            Line = line;
        }

        public NodeKind Kind { get; }
        /// <summary>A string, double, bool, or (Other) what a host gave: a scriptblock, say.</summary>
        public object? Value { get; }
        /// <summary>The line in the settings file, or 0 for a hashtable.</summary>
        public int Line { get; }
        public List<KeyValuePair<string, SettingNode>> Properties { get; } = new List<KeyValuePair<string, SettingNode>>();
        public List<SettingNode> Items { get; } = new List<SettingNode>();

        public string KindName => Kind == NodeKind.Other ? Value?.GetType().Name ?? "null" : Kind.ToString().ToLowerInvariant();

        /// <summary>
        /// Reads JSON (comments and trailing commas allowed, as editors keep them), each value with its line. A byte
        /// order mark is read too: Windows PowerShell 5.1 writes UTF-8 with one (Set-Content -Encoding UTF8) and
        /// UTF-16 with one (Out-File, '&gt;'); without one the file is UTF-8.
        /// </summary>
        public static SettingNode FromJson(byte[] json)
        {
            json = WithoutByteOrderMark(json);
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var lines = new LineCounter(json);
            if (!reader.Read()) throw new JsonException("the file is empty.", null, 0, 0);
            return Read(ref reader, lines);
        }

        private static SettingNode Read(ref Utf8JsonReader reader, LineCounter lines)
        {
            var line = lines.LineAt(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var obj = new SettingNode(NodeKind.Object, null, line);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        reader.Read();
                        obj.Properties.Add(new KeyValuePair<string, SettingNode>(name, Read(ref reader, lines)));
                    }
                    return obj;
                case JsonTokenType.StartArray:
                    var array = new SettingNode(NodeKind.Array, null, line);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) array.Items.Add(Read(ref reader, lines));
                    return array;
                case JsonTokenType.String: return new SettingNode(NodeKind.String, reader.GetString(), line);
                case JsonTokenType.Number: return new SettingNode(NodeKind.Number, reader.GetDouble(), line);
                case JsonTokenType.True: return new SettingNode(NodeKind.Boolean, true, line);
                case JsonTokenType.False: return new SettingNode(NodeKind.Boolean, false, line);
                default: return new SettingNode(NodeKind.Null, null, line);
            }
        }

        private static byte[] WithoutByteOrderMark(byte[] bytes)
        {
            var marked = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
                || (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
                || (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF);
            if (!marked) return bytes;
            using (var reader = new System.IO.StreamReader(new System.IO.MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
                return System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd());
        }

        /// <summary>A hashtable's value; <paramref name="unwrap"/> gives what a host's wrapper holds (PowerShell's PSObject).</summary>
        public static SettingNode FromObject(object? value, Func<object?, object?> unwrap)
        {
            value = unwrap(value);
            switch (value)
            {
                case null: return new SettingNode(NodeKind.Null, null, 0);
                case string text: return new SettingNode(NodeKind.String, text, 0);
                case bool flag: return new SettingNode(NodeKind.Boolean, flag, 0);
                case IDictionary map:
                    var obj = new SettingNode(NodeKind.Object, null, 0);
                    foreach (DictionaryEntry entry in map)
                        obj.Properties.Add(new KeyValuePair<string, SettingNode>(Convert.ToString(unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "", FromObject(entry.Value, unwrap)));
                    return obj;
                case IEnumerable list:
                    var array = new SettingNode(NodeKind.Array, null, 0);
                    foreach (var item in list) array.Items.Add(FromObject(item, unwrap));
                    return array;
                case byte _: case short _: case int _: case long _: case float _: case double _: case decimal _:
                    return new SettingNode(NodeKind.Number, Convert.ToDouble(value, CultureInfo.InvariantCulture), 0);
                default: return new SettingNode(NodeKind.Other, value, 0);
            }
        }

        /// <summary>Line numbers by byte offset, counted once as the reader moves forward.</summary>
        private sealed class LineCounter
        {
            private readonly byte[] _bytes;
            private long _offset;
            private int _line = 1;

            public LineCounter(byte[] bytes) => _bytes = bytes;

            public int LineAt(long offset)
            {
                for (; _offset < offset && _offset < _bytes.Length; _offset++)
                    if (_bytes[_offset] == (byte)'\n') _line++;
                return _line;
            }
        }
    }
}
