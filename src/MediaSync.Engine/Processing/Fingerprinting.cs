using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MediaSync.Content;
using MediaSync.Discovery;
using MediaSync.Processing.References;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// Renames files to app.&lt;8 hex of the content hash&gt;.css, as Django's ManifestStaticFilesStorage does, and
    /// rewrites the references between them (<see cref="ReferenceGraph"/>: CSS url(), @import, image-set(); JS
    /// imports, import(), new URL(); sourceMappingURL) to the new names. Files are named in dependency order, so a
    /// file's hash covers the names it points to; a cycle is hashed as one unit. A source map a file points to is
    /// published as that file's new key plus .map. A reference to a file that is not there is a warning, never a failure.
    /// </summary>
    internal static class MediaFingerprinting
    {
        public const string ProcessorName = "Fingerprint";

        /// <summary>Fingerprints the files whose keys match <paramref name="include"/> (all when empty); others pass unchanged.</summary>
        public static IReadOnlyList<MediaFile> Fingerprint(IReadOnlyList<MediaFile> files, IEnumerable<string>? include, IEngineHost host, string? mediaUrl = null) =>
            MediaProcessing.Run(files, new IMediaProcessor[] { new Step(include, mediaUrl) }, host);

        /// <summary>Fingerprinting as a step: it needs the whole set at once, to rename referenced files first.</summary>
        internal sealed class Step : IBatchMediaProcessor
        {
            private readonly IEnumerable<string>? _include;
            private readonly string? _mediaUrl;

            /// <param name="include">Fingerprint only the keys matching these globs (all when null).</param>
            /// <param name="mediaUrl">Root-relative references under this URL (/static/) are rewritten too.</param>
            public Step(IEnumerable<string>? include = null, string? mediaUrl = null)
            {
                _include = include;
                _mediaUrl = mediaUrl;
            }

            public string Name => ProcessorName;

            /// <summary>What the step's output depends on besides the files (for <see cref="Cache.ProcessedSet"/>).</summary>
            internal string Identity => ProcessorName + " include=" + (_include == null ? "*" : string.Join("|", _include)) + " url=" + _mediaUrl;

            public bool Accepts(MediaFile file) => file.ContentEncoding == null;

            public MediaContent? Process(MediaFile file, IEngineHost host) =>
                throw new InvalidOperationException("Fingerprint works on the whole set; it runs as a batch.");

            public IReadOnlyList<ProcessOutcome> ProcessBatch(IReadOnlyList<MediaFile> files, IEngineHost host) => Outcomes(files, _include, host, _mediaUrl);
        }

        /// <summary>
        /// What fingerprinting does to each file, as a processing step's outcomes (new content, new key), so that each
        /// file is derived once, by whoever runs the step.
        /// </summary>
        internal static IReadOnlyList<ProcessOutcome> Outcomes(IReadOnlyList<MediaFile> files, IEnumerable<string>? include, IEngineHost host, string? mediaUrl = null)
        {
            var filter = new KeyFilter(include, null);
            var graph = ReferenceGraph.Build(files, mediaUrl, host);
            var outcomes = Enumerable.Repeat(ProcessOutcome.Unchanged, files.Count).ToArray();
            var renamed = new Dictionary<string, string>(StringComparer.Ordinal); // old key -> new key
            var maps = OwnedMaps(graph, filter);
            foreach (var node in graph.Nodes.Values.Where(n => n.Error != null)) outcomes[node.Index] = ProcessOutcome.Failed(node.Error!);

            foreach (var component in graph.Components())
            {
                var members = component.Where(n => n.Error == null && !maps.ContainsKey(n.Key)).ToList();
                if (members.Count == 0) continue;
                var cycle = ReferenceGraph.IsCycle(component);
                var inCycle = new HashSet<string>(members.Select(m => m.Key), StringComparer.Ordinal);
                // Names inside the cycle (and a file's own map) are not known yet: the hash sees a placeholder for them.
                var normalised = members.Select(m => Bytes(m, r => cycle && inCycle.Contains(r) || MapOf(maps, m.Key, r) ? "\u0001" + r : null, renamed)).ToList();
                var hash = members.Count == 1 && !cycle && !maps.ContainsValue(members[0].Key) && normalised[0] == null ? members[0].File.Hash : null;
                if (hash == null)
                using (var md5 = MD5.Create())
                {
                    for (var i = 0; i < members.Count; i++)
                    {
                        var map = maps.FirstOrDefault(p => p.Value == members[i].Key).Key;
                        if (cycle) Append(md5, Encoding.UTF8.GetBytes(members[i].Key + "\0"));
                        Append(md5, normalised[i] ?? members[i].File.Content.ReadAllBytes());
                        if (map != null) Append(md5, graph.Nodes[map].File.Content.ReadAllBytes());
                    }
                    md5.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                    hash = ContentHash.ToHex(md5.Hash!);
                }
                foreach (var member in members.Where(m => filter.Accepts(m.Key)))
                {
                    renamed[member.Key] = FingerprintedKey(member.Key, hash);
                    foreach (var map in maps.Where(p => p.Value == member.Key)) renamed[map.Key] = renamed[member.Key] + ".map";
                }
                foreach (var member in members)
                {
                    var bytes = Bytes(member, _ => null, renamed);
                    var changed = bytes != null && !bytes.SequenceEqual(member.File.Content.ReadAllBytes());
                    var content = changed ? MediaContent.FromBytes(bytes!) : member.File.Content;
                    if (renamed.TryGetValue(member.Key, out var newKey)) outcomes[member.Index] = ProcessOutcome.Changed(content, newKey);
                    else if (changed) outcomes[member.Index] = ProcessOutcome.Changed(content);
                    foreach (var map in maps.Where(p => p.Value == member.Key && renamed.ContainsKey(p.Key)))
                    {
                        var mapNode = graph.Nodes[map.Key];
                        var name = newKey!.Substring(newKey.LastIndexOf('/') + 1);
                        outcomes[mapNode.Index] = ProcessOutcome.Changed(MediaContent.FromBytes(SourceMaps.WithFile(mapNode.File.Content.ReadAllBytes(), name)), renamed[map.Key]);
                    }
                }
            }
            return outcomes;
        }

        /// <summary>Each .map in the set that a renamed file's sourceMappingURL names, and that file (the first, by key).</summary>
        private static Dictionary<string, string> OwnedMaps(ReferenceGraph graph, KeyFilter filter)
        {
            var maps = new Dictionary<string, string>(StringComparer.Ordinal); // map key -> file key
            foreach (var node in graph.Nodes.Values.Where(n => n.Error == null && filter.Accepts(n.Key)).OrderBy(n => n.Key, StringComparer.Ordinal))
                foreach (var reference in node.References.Where(r => r.Reference.Kind == ReferenceKind.SourceMap && r.Target != null && SourceMaps.IsMap(r.Target)))
                    if (!maps.ContainsKey(reference.Target!) && !maps.ContainsValue(node.Key) && reference.Target != node.Key) maps[reference.Target!] = node.Key;
            return maps;
        }

        private static bool MapOf(Dictionary<string, string> maps, string fileKey, string target) =>
            maps.TryGetValue(target, out var owner) && owner == fileKey;

        /// <summary>The node's bytes with each reference to a renamed file rewritten (null: none is); <paramref name="placeholder"/> overrides a target's new name.</summary>
        private static byte[]? Bytes(ReferenceGraph.Node node, Func<string, string?> placeholder, Dictionary<string, string> renamed)
        {
            if (node.Text == null) return null;
            var edits = new List<(TextReference, string)>();
            foreach (var reference in node.References.Where(r => r.Target != null))
            {
                var target = reference.Target!;
                var newKey = placeholder(target) ?? (renamed.TryGetValue(target, out var k) ? k : null);
                if (newKey == null) continue;
                edits.Add((reference.Reference, NewUrl(node.Key, reference, newKey) + reference.Suffix));
            }
            var text = ReferenceRewriter.Apply(node.Text, edits);
            return edits.Count == 0 ? null : node.Codec!.Encode(text);
        }

        /// <summary>The reference written for the target's new key: same folder part as before, or a relative path when the folder differs.</summary>
        private static string NewUrl(string fromKey, ReferenceGraph.Resolved reference, string newKey)
        {
            var target = reference.Target!;
            if (reference.UnderMediaUrl)
                return reference.Path.Substring(0, reference.Path.Length - target.Length) + newKey;
            var folder = target.LastIndexOf('/');
            var newFolder = newKey.LastIndexOf('/');
            // An empty segment (..//cached///a.css) names the key only after normalising, which a browser does not do.
            if (folder != newFolder || string.CompareOrdinal(target, 0, newKey, 0, folder + 1) != 0 || reference.Path.Contains("//"))
                return MediaBundler.RelativeUrl(Folder(fromKey), newKey);
            var slash = reference.Path.LastIndexOf('/');
            return (slash < 0 ? "" : reference.Path.Substring(0, slash + 1)) + newKey.Substring(newFolder + 1);
        }

        private static string Folder(string key) => key.LastIndexOf('/') < 0 ? "" : key.Substring(0, key.LastIndexOf('/'));

        private static void Append(HashAlgorithm hash, byte[] bytes) => hash.TransformBlock(bytes, 0, bytes.Length, null, 0);

        /// <summary>app.css with hash 1a2b3c4d... becomes app.1a2b3c4d.css; a name without extension gets the hash appended.</summary>
        public static string FingerprintedKey(string key, string hash)
        {
            var slash = key.LastIndexOf('/');
            var dot = key.LastIndexOf('.');
            var stamp = hash.Substring(0, 8);
            return dot > slash + 1 ? key.Substring(0, dot) + "." + stamp + key.Substring(dot) : key + "." + stamp;
        }
    }
}
