using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MediaSync.Processing;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Settings
{
    /// <summary>
    /// Reads settings from mediasync.json or a hashtable into <see cref="MediaSyncSettings"/>, and fails at once, before
    /// anything runs: an unknown key names the nearest valid one, a wrong type names the key, the type expected and
    /// the file with its line, and an unknown store type lists those there are.
    /// </summary>
    internal static class SettingsReader
    {
        public const string FileName = "mediasync.json";

        private sealed class Context
        {
            public Context(string baseFolder, string? file, Func<object, Func<string, string>?>? function = null)
            {
                BaseFolder = baseFolder;
                File = file;
                Function = function;
            }

            public string BaseFolder { get; }
            public string? File { get; }
            /// <summary>Turns a host's callable (a scriptblock) into a function, for CacheBuster.</summary>
            public Func<object, Func<string, string>?>? Function { get; }
            public string Where(SettingNode node) => File == null ? "in the settings" : $"in '{File}' line {node.Line}";
            public string PathOf(string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(BaseFolder, path));
        }

        private delegate void Bind(SettingNode node, MediaSyncSettings settings, Context context, string key);

        private static readonly Dictionary<string, Bind> Keys = new Dictionary<string, Bind>(StringComparer.OrdinalIgnoreCase)
        {
            ["$schema"] = (n, s, c, k) => { },
            ["Roots"] = (n, s, c, k) => s.Roots = Strings(n, c, k).Select(c.PathOf).ToList(),
            ["Apps"] = (n, s, c, k) => s.Apps = Strings(n, c, k).Select(c.PathOf).ToList(),
            ["MediaDirectoryName"] = (n, s, c, k) => s.MediaDirectoryName = Text(n, c, k),
            ["Include"] = (n, s, c, k) => s.Include = Strings(n, c, k),
            ["Exclude"] = (n, s, c, k) => s.Exclude = Strings(n, c, k),
            ["FollowLinks"] = (n, s, c, k) => s.FollowLinks = Flag(n, c, k),
            ["Processors"] = (n, s, c, k) => s.Processors = Strings(n, c, k),
            ["Minifier"] = (n, s, c, k) => s.Minifier = Choice<MinifierChoice>(n, c, k),
            ["SourceMap"] = (n, s, c, k) => s.SourceMap = Flag(n, c, k),
            // bundle names are media keys, which compare ordinally: 'css/All.css' is another key than 'css/all.css'
            ["Bundles"] = (n, s, c, k) => s.Bundles = Map(n, c, k, StringComparer.Ordinal, (v, key) => Strings(v, c, key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ["CssPath"] = (n, s, c, k) => s.CssPath = Text(n, c, k),
            ["JsPath"] = (n, s, c, k) => s.JsPath = Text(n, c, k),
            ["Compress"] = (n, s, c, k) => s.Compress = Flag(n, c, k),
            ["Encodings"] = (n, s, c, k) => s.Encodings = Strings(n, c, k),
            ["VariantNaming"] = (n, s, c, k) => s.VariantNaming = Choice<VariantNaming>(n, c, k),
            ["Fingerprint"] = (n, s, c, k) => s.Fingerprint = Flag(n, c, k),
            ["Cache"] = (n, s, c, k) => s.Cache = Flag(n, c, k),
            ["CachePath"] = (n, s, c, k) => s.CachePath = c.PathOf(Text(n, c, k)),
            ["Manifest"] = (n, s, c, k) => s.Manifest = c.PathOf(Text(n, c, k)),
            ["Store"] = (n, s, c, k) => s.Store = StoreReader.Read(n, s.Store.Clone(), c.Where, c.PathOf),
            ["HeaderRules"] = (n, s, c, k) => s.HeaderRules = Map(n, c, k, StringComparer.OrdinalIgnoreCase, (v, key) => Map(v, c, key, StringComparer.OrdinalIgnoreCase, (h, name) => HeaderValue(h, c, key, name))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase)),
            ["ExpirationDays"] = (n, s, c, k) => s.ExpirationDays = Number(n, c, k, 0, 36500),
            ["Delete"] = (n, s, c, k) => s.Delete = Flag(n, c, k),
            ["MaxDelete"] = (n, s, c, k) => s.MaxDelete = Number(n, c, k, 0, int.MaxValue),
            ["MaxDeletePercent"] = (n, s, c, k) => s.MaxDeletePercent = Number(n, c, k, 0, 100),
            ["ThrottleLimit"] = (n, s, c, k) => s.ThrottleLimit = Number(n, c, k, 1, 64),
            ["Checksum"] = (n, s, c, k) => s.Checksum = Flag(n, c, k),
            ["MediaUrl"] = (n, s, c, k) => s.MediaUrl = Text(n, c, k),
            ["ServeRemote"] = (n, s, c, k) => s.ServeRemote = Flag(n, c, k),
            ["PublicBaseUrl"] = (n, s, c, k) => s.PublicBaseUrl = Text(n, c, k),
            ["UseSsl"] = (n, s, c, k) => s.UseSsl = Flag(n, c, k),
            ["ServeCompressed"] = (n, s, c, k) => s.ServeCompressed = Flag(n, c, k),
            ["CacheBuster"] = CacheBuster,
            ["Doctype"] = (n, s, c, k) => s.Doctype = Choice<Doctype>(n, c, k),
            ["ServerPort"] = (n, s, c, k) => s.ServerPort = Number(n, c, k, 1, 65535),
            ["ListenAddress"] = (n, s, c, k) => s.ListenAddress = Text(n, c, k),
        };

        /// <summary>The names a settings file may use, for the schema's tests and for messages.</summary>
        public static IReadOnlyCollection<string> KeyNames => Keys.Keys;

        /// <summary>mediasync.json in <paramref name="folder"/>, or the defaults (with the folder's media) when there is none.</summary>
        public static MediaSyncSettings Find(string folder)
        {
            var path = Path.Combine(folder, FileName);
            return File.Exists(path) ? ReadFile(path) : Defaults(folder);
        }

        public static MediaSyncSettings Defaults(string folder) =>
            new MediaSyncSettings { BaseFolder = Path.GetFullPath(folder), Roots = { Path.GetFullPath(Path.Combine(folder, "media")) } };

        public static MediaSyncSettings ReadFile(string path)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full)) throw new MediaSyncException(Errors.SettingsNotFound(full));
            SettingNode root;
            try { root = SettingNode.FromJson(File.ReadAllBytes(full)); }
            catch (JsonException e) { throw new MediaSyncException(Errors.SettingsNotJson(full, (int)(e.LineNumber ?? 0) + 1, e.Message)); }
            var settings = Defaults(Path.GetDirectoryName(full)!);
            Apply(root, settings, new Context(Path.GetDirectoryName(full)!, full));
            settings.SourcePath = full;
            return settings;
        }

        /// <summary>
        /// Applies a hashtable onto a copy of <paramref name="start"/>: only the keys it names change. Relative paths are
        /// taken from <paramref name="baseFolder"/>; <paramref name="unwrap"/> gives the value a host's wrapper holds.
        /// </summary>
        public static MediaSyncSettings FromDictionary(IDictionary map, MediaSyncSettings start, string baseFolder, Func<object?, object?> unwrap,
            Func<object, Func<string, string>?>? function = null)
        {
            var settings = start.Clone();
            Apply(SettingNode.FromObject(map, unwrap), settings, new Context(baseFolder, null, function));
            return settings;
        }

        private static void Apply(SettingNode root, MediaSyncSettings settings, Context context)
        {
            if (root.Kind != NodeKind.Object) throw WrongType("the settings", "an object", root, context);
            RefuseDuplicates(root, StringComparer.OrdinalIgnoreCase, null, context.Where);
            foreach (var property in root.Properties)
            {
                if (!Keys.TryGetValue(property.Key, out var bind)) throw Unknown(property.Key, Keys.Keys, property.Value, context.Where);
                bind(property.Value, settings, context, property.Key);
            }
        }

        /// <summary>
        /// Refuses a name given twice in one object, compared as the reader compares them ('Delete' and 'delete' are
        /// one setting): otherwise the later one silently wins, and a hidden "Delete": true deletes.
        /// </summary>
        internal static void RefuseDuplicates(SettingNode node, IEqualityComparer<string> names, string? parent, Func<SettingNode, string> where)
        {
            var seen = new Dictionary<string, KeyValuePair<string, SettingNode>>(names);
            foreach (var property in node.Properties)
            {
                if (seen.TryGetValue(property.Key, out var first))
                    throw new MediaSyncException(Errors.SettingDuplicate(parent == null ? property.Key : parent + "." + property.Key,
                        first.Key, where(first.Value), property.Key, where(property.Value)));
                seen.Add(property.Key, property);
            }
        }

        internal static MediaSyncException Unknown(string key, IEnumerable<string> known, SettingNode node, Func<SettingNode, string> where)
        {
            if (Secret.IsMatch(key)) return new MediaSyncException(Errors.SettingIsSecret(key, where(node)));
            return new MediaSyncException(Errors.SettingUnknown(key, NearestName.Of(known.Where(k => k != "$schema"), key), where(node)));
        }

        private static readonly System.Text.RegularExpressions.Regex Secret =
            new System.Text.RegularExpressions.Regex("secret|password|accesskey|token|credential", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        private static void CacheBuster(SettingNode node, MediaSyncSettings settings, Context context, string key)
        {
            if (node.Kind == NodeKind.Other && context.Function?.Invoke(node.Value!) is Func<string, string> buster)
            {
                settings.CacheBusterFunction = buster;
                settings.CacheBuster = null;
                return;
            }
            settings.CacheBuster = Text(node, context, key);
            settings.CacheBusterFunction = null;
        }

        private static MediaSyncException WrongType(string key, string expected, SettingNode node, Context context) =>
            new MediaSyncException(Errors.SettingWrongType(key, expected, node.KindName, context.Where(node)));

        private static string Text(SettingNode node, Context context, string key) =>
            node.Kind == NodeKind.String ? (string)node.Value! : throw WrongType(key, "a string", node, context);

        private static bool Flag(SettingNode node, Context context, string key) =>
            node.Kind == NodeKind.Boolean ? (bool)node.Value! : throw WrongType(key, "true or false", node, context);

        private static int Number(SettingNode node, Context context, string key, int min, int max)
        {
            if (node.Kind != NodeKind.Number || (double)node.Value! % 1 != 0) throw WrongType(key, "a whole number", node, context);
            var value = (double)node.Value!;
            if (value < min || value > max) throw new MediaSyncException(Errors.SettingInvalidValue(key, $"{value} is not between {min} and {max}", context.Where(node)));
            return (int)value;
        }

        private static List<string> Strings(SettingNode node, Context context, string key)
        {
            if (node.Kind == NodeKind.String) return new List<string> { (string)node.Value! };
            if (node.Kind != NodeKind.Array) throw WrongType(key, "a list of strings", node, context);
            return node.Items.Select(item => item.Kind == NodeKind.String ? (string)item.Value! : throw WrongType(key, "a list of strings", item, context)).ToList();
        }

        private static List<KeyValuePair<string, T>> Map<T>(SettingNode node, Context context, string key, IEqualityComparer<string> names, Func<SettingNode, string, T> value)
        {
            if (node.Kind != NodeKind.Object) throw WrongType(key, "an object", node, context);
            RefuseDuplicates(node, names, key, context.Where);
            return node.Properties.Select(p => new KeyValuePair<string, T>(p.Key, value(p.Value, key + "." + p.Key))).ToList();
        }

        /// <summary>A header rule's value; a header that cannot be sent is HeaderInvalid, naming the setting and its line.</summary>
        private static string HeaderValue(SettingNode node, Context context, string rule, string key)
        {
            var value = Text(node, context, key);
            HeaderSyntax.Require(key.Substring(rule.Length + 1), value, $"setting '{HeaderSyntax.Printable(key)}' in {context.Where(node)}");
            return value;
        }

        private static T Choice<T>(SettingNode node, Context context, string key) where T : struct =>
            ParseChoice<T>(node, context.Where, key, node.Kind == NodeKind.String ? (string)node.Value! : throw WrongType(key, "a string", node, context));

        internal static T ParseChoice<T>(SettingNode node, Func<SettingNode, string> where, string key, string text) where T : struct =>
            Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(typeof(T), parsed) ? parsed
                : throw new MediaSyncException(Errors.SettingInvalidValue(key, $"'{text}' is not one of {string.Join(", ", Enum.GetNames(typeof(T)))}", where(node)));
    }
}
