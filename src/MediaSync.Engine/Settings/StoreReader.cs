using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Settings
{
    /// <summary>
    /// The store types a settings file may name, each with the options it takes, and how each is opened. A new store
    /// is one more entry here.
    /// </summary>
    internal static class StoreReader
    {
        private delegate void Bind(SettingNode node, StoreSettings store, string key, Func<SettingNode, string> where, Func<string, string> pathOf);

        private static readonly Dictionary<string, Dictionary<string, Bind>> Types = new Dictionary<string, Dictionary<string, Bind>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Folder"] = new Dictionary<string, Bind>(StringComparer.OrdinalIgnoreCase)
            {
                ["Path"] = (n, s, k, w, p) => s.Path = p(Text(n, k, w)),
                ["Mode"] = (n, s, k, w, p) => s.Mode = SettingsReader.ParseChoice<PublishMode>(n, w, k, Text(n, k, w)),
                ["Overwrite"] = (n, s, k, w, p) => s.Overwrite = SettingsReader.ParseChoice<OverwriteStrategy>(n, w, k, Text(n, k, w)),
                ["Fallback"] = (n, s, k, w, p) => s.Fallback = SettingsReader.ParseChoice<LinkFallback>(n, w, k, Text(n, k, w)),
            },
            ["S3"] = new Dictionary<string, Bind>(StringComparer.OrdinalIgnoreCase)
            {
                ["Bucket"] = (n, s, k, w, p) => s.Bucket = Text(n, k, w),
                ["Prefix"] = (n, s, k, w, p) => s.Prefix = Text(n, k, w),
                ["Region"] = (n, s, k, w, p) => s.Region = Text(n, k, w),
                ["EndpointUrl"] = (n, s, k, w, p) => s.EndpointUrl = Text(n, k, w),
                ["ForcePathStyle"] = (n, s, k, w, p) => s.ForcePathStyle = Flag(n, k, w),
                ["Create"] = (n, s, k, w, p) => s.Create = Flag(n, k, w),
                ["ProfileName"] = (n, s, k, w, p) => s.ProfileName = Text(n, k, w),
                ["PublicBaseUrl"] = (n, s, k, w, p) => s.PublicBaseUrl = Text(n, k, w),
            },
            ["AzureBlob"] = new Dictionary<string, Bind>(StringComparer.OrdinalIgnoreCase)
            {
                ["Container"] = (n, s, k, w, p) => s.Container = Text(n, k, w),
                ["Prefix"] = (n, s, k, w, p) => s.Prefix = Text(n, k, w),
                ["AccountUrl"] = (n, s, k, w, p) => s.AccountUrl = Text(n, k, w),
                ["Create"] = (n, s, k, w, p) => s.Create = Flag(n, k, w),
                ["PublicBaseUrl"] = (n, s, k, w, p) => s.PublicBaseUrl = Text(n, k, w),
            },
            ["Swift"] = new Dictionary<string, Bind>(StringComparer.OrdinalIgnoreCase)
            {
                ["Container"] = (n, s, k, w, p) => s.Container = Text(n, k, w),
                ["Prefix"] = (n, s, k, w, p) => s.Prefix = Text(n, k, w),
                ["AuthUrl"] = (n, s, k, w, p) => s.AuthUrl = Text(n, k, w),
                ["PublicBaseUrl"] = (n, s, k, w, p) => s.PublicBaseUrl = Text(n, k, w),
            },
        };

        public static IReadOnlyCollection<string> TypeNames => Types.Keys;

        public static StoreSettings Read(SettingNode node, StoreSettings store, Func<SettingNode, string> where, Func<string, string> pathOf)
        {
            if (node.Kind != NodeKind.Object) throw WrongType("Store", "an object with a Type", node, where);
            SettingsReader.RefuseDuplicates(node, StringComparer.OrdinalIgnoreCase, "Store", where);
            var type = node.Properties.FirstOrDefault(p => string.Equals(p.Key, "Type", StringComparison.OrdinalIgnoreCase));
            if (type.Value != null)
            {
                var name = Text(type.Value, "Store.Type", where);
                var known = Types.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new MediaSyncException(Errors.StoreTypeUnknown(name, Types.Keys.ToList(), where(type.Value)));
                if (!string.Equals(known, store.Type, StringComparison.Ordinal)) store = new StoreSettings { Type = known };
            }
            var options = Types[store.Type];
            foreach (var property in node.Properties.Where(p => !string.Equals(p.Key, "Type", StringComparison.OrdinalIgnoreCase)))
            {
                if (!options.TryGetValue(property.Key, out var bind))
                    throw SettingsReader.Unknown(property.Key, options.Keys.Concat(new[] { "Type" }), property.Value, n => $"{where(n)} (a {store.Type} store)");
                bind(property.Value, store, "Store." + property.Key, where, pathOf);
            }
            if (store.Type == "S3" && string.IsNullOrEmpty(store.Bucket))
                throw new MediaSyncException(Errors.SettingInvalidValue("Store.Bucket", "an S3 store needs a Bucket", where(node)));
            if ((store.Type == "AzureBlob" || store.Type == "Swift") && string.IsNullOrEmpty(store.Container))
                throw new MediaSyncException(Errors.SettingInvalidValue("Store.Container", $"a {store.Type} store needs a Container", where(node)));
            return store;
        }

        /// <summary>The store the settings name, or null for a folder (which a publish opens itself).</summary>
        public static IMediaStore? Open(StoreSettings store)
        {
            if (store.Type == "Folder") return null;
            // the account comes from AccountUrl and the Azure.Identity chain, else AZURE_STORAGE_CONNECTION_STRING: never from the file
            // Swift signs in with the OS_* variables (Keystone) or ST_USER/ST_KEY (v1)
            if (store.Type == "Swift")
                return new SwiftStore(new SwiftStoreOptions { Container = store.Container!, Prefix = store.Prefix ?? "", AuthUrl = store.AuthUrl, PublicBaseUrl = store.PublicBaseUrl });
            if (store.Type == "AzureBlob")
                return AzureBlobStores.Open(new AzureBlobStoreOptions
                {
                    Container = store.Container!, Prefix = store.Prefix ?? "", AccountUrl = store.AccountUrl, PublicBaseUrl = store.PublicBaseUrl,
                    Create = store.Create,
                });
            var options = new S3StoreOptions
            {
                Bucket = store.Bucket!,
                EndpointUrl = store.EndpointUrl,
                ForcePathStyle = store.ForcePathStyle,
                ProfileName = store.ProfileName,
                PublicBaseUrl = store.PublicBaseUrl,
                Create = store.Create,
            };
            if (store.Prefix != null) options.Prefix = store.Prefix;
            if (store.Region != null) options.Region = store.Region;
            return S3Stores.Open(options);
        }

        private static bool Flag(SettingNode node, string key, Func<SettingNode, string> where) =>
            node.Kind == NodeKind.Boolean ? (bool)node.Value! : throw WrongType(key, "true or false", node, where);

        private static string Text(SettingNode node, string key, Func<SettingNode, string> where) =>
            node.Kind == NodeKind.String ? (string)node.Value! : throw WrongType(key, "a string", node, where);

        private static MediaSyncException WrongType(string key, string expected, SettingNode node, Func<SettingNode, string> where) =>
            new MediaSyncException(Errors.SettingWrongType(key, expected, node.KindName, where(node)));
    }
}
