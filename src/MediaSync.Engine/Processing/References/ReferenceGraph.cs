using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MediaSync.Reporting;

namespace MediaSync.Processing.References
{
    /// <summary>
    /// The files of a set and the references between them: each stylesheet and script decoded and scanned once,
    /// each reference resolved to a key of the set (or left alone), and the strongly connected components in
    /// dependency order, leaves first, so a cycle can be named as one unit.
    /// </summary>
    internal sealed class ReferenceGraph
    {
        private static readonly Regex Scheme = new Regex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant);

        /// <summary>One file of the set; Text and References only for a stylesheet or script that decoded.</summary>
        internal sealed class Node
        {
            public Node(string key, int index, MediaFile file) { Key = key; Index = index; File = file; }
            public string Key { get; }
            public int Index { get; }
            public MediaFile File { get; }
            public string? Text { get; set; }
            public TextCodec? Codec { get; set; }
            public MediaSyncError? Error { get; set; }
            public List<Resolved> References { get; } = new List<Resolved>();
            public IEnumerable<string> Targets => References.Where(r => r.Target != null).Select(r => r.Target!).Distinct(StringComparer.Ordinal);
        }

        /// <summary>A reference and the key it points to (null: left alone), with the query or fragment it keeps.</summary>
        internal sealed class Resolved
        {
            public Resolved(TextReference reference, string? target, string path, string suffix, bool underMediaUrl)
            { Reference = reference; Target = target; Path = path; Suffix = suffix; UnderMediaUrl = underMediaUrl; }
            public TextReference Reference { get; }
            public string? Target { get; }
            public string Path { get; }
            public string Suffix { get; }
            public bool UnderMediaUrl { get; }
        }

        private ReferenceGraph(Dictionary<string, Node> nodes) => Nodes = nodes;

        public Dictionary<string, Node> Nodes { get; }

        /// <summary>Scans the live, plain files of <paramref name="files"/>; warns once per reference that resolves to nothing.</summary>
        public static ReferenceGraph Build(IReadOnlyList<MediaFile> files, string? mediaUrl, IEngineHost host)
        {
            var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
                if (files[i].ContentEncoding == null && !files[i].Deleted && !nodes.ContainsKey(files[i].RelativePath)) nodes[files[i].RelativePath] = new Node(files[i].RelativePath, i, files[i]);
            foreach (var node in nodes.Values.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                var css = TextCodec.IsCss(node.Key);
                if (!css && !TextCodec.IsJs(node.Key)) continue;
                try { (node.Text, node.Codec) = TextCodec.Decode(node.File.Content.ReadAllBytes(), node.Key); }
                catch (MediaSyncException e) { node.Error = e.Error; continue; }
                var missing = new SortedSet<string>(StringComparer.Ordinal);
                var extensionless = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var reference in css ? CssReferences.Find(node.Text) : JsReferences.Find(node.Text))
                {
                    var resolved = Resolve(node.Key, reference, mediaUrl, nodes.ContainsKey);
                    if (resolved == null) continue;
                    node.References.Add(resolved);
                    if (resolved.Target != null) continue;
                    var name = resolved.Path.Substring(resolved.Path.LastIndexOf('/') + 1);
                    if (!css && reference.Kind != ReferenceKind.SourceMap && name.IndexOf('.') < 0) extensionless.Add(reference.Value);
                    else missing.Add(reference.Value);
                }
                foreach (var url in missing) host.WriteWarning($"'{node.Key}' refers to '{url}', which is not among the files; the reference is left as it is.");
                // Source trees import './constants' for a bundler to resolve: one note per file, not one per import.
                if (extensionless.Count > 0)
                    host.WriteWarning($"'{node.Key}' imports {extensionless.Count} extensionless module specifier(s) that name no file ('{extensionless.First()}'{(extensionless.Count > 1 ? ", …" : "")}); a browser cannot load them, so they are left as they are.");
            }
            return new ReferenceGraph(nodes);
        }

        /// <summary>
        /// What <paramref name="reference"/> in <paramref name="fromKey"/> points to; null when it is no file reference at
        /// all (a bare specifier, an absolute or scheme URL, a fragment, a root-relative URL outside the media URL).
        /// </summary>
        internal static Resolved? Resolve(string fromKey, TextReference reference, string? mediaUrl, Func<string, bool> exists)
        {
            var url = reference.Value.Trim();
            if (url.Length == 0 || url[0] == '#') return null;
            var (path, suffix) = MediaBundler.SplitSuffix(url);
            if (path.StartsWith("//", StringComparison.Ordinal)) return null; // another host's, even when the media URL is "/"
            if (!string.IsNullOrEmpty(mediaUrl) && path.StartsWith(mediaUrl, StringComparison.Ordinal) && path.Length > mediaUrl!.Length)
            {
                var rooted = MediaBundler.Combine("", path.Substring(mediaUrl.Length));
                return new Resolved(reference, Find(rooted, exists), path, suffix, underMediaUrl: true);
            }
            if (path.StartsWith("/", StringComparison.Ordinal) || Scheme.IsMatch(path) || path.Length == 0) return null;
            var module = reference.Kind == ReferenceKind.StaticImport || reference.Kind == ReferenceKind.DynamicImport;
            if (module && !path.StartsWith("./", StringComparison.Ordinal) && !path.StartsWith("../", StringComparison.Ordinal)) return null; // bare: for an import map
            var key = MediaBundler.ReferencedKey(fromKey, path);
            return new Resolved(reference, Find(key, exists), path, suffix, underMediaUrl: false);
        }

        private static string? Find(string key, Func<string, bool> exists)
        {
            if (exists(key)) return key;
            if (key.IndexOf('%') < 0) return null;
            try
            {
                var unescaped = Uri.UnescapeDataString(key);
                return exists(unescaped) ? unescaped : null;
            }
            catch (UriFormatException) { return null; }
        }

        /// <summary>
        /// Strongly connected components (Tarjan's, iterative, so a long chain cannot overflow the stack), each sorted
        /// by key, in an order where a component comes after every component it refers to. Deterministic.
        /// </summary>
        public List<List<Node>> Components()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var result = new List<List<Node>>();
            var edges = Nodes.ToDictionary(n => n.Key, n => n.Value.Targets.OrderBy(t => t, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
            var counter = 0;
            foreach (var root in Nodes.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                if (index.ContainsKey(root)) continue;
                var work = new Stack<(string Key, int Next)>();
                work.Push((root, 0));
                index[root] = low[root] = counter++;
                stack.Push(root);
                onStack.Add(root);
                while (work.Count > 0)
                {
                    var (key, next) = work.Pop();
                    var targets = edges[key];
                    if (next < targets.Length)
                    {
                        work.Push((key, next + 1));
                        var target = targets[next];
                        if (!index.ContainsKey(target))
                        {
                            index[target] = low[target] = counter++;
                            stack.Push(target);
                            onStack.Add(target);
                            work.Push((target, 0));
                        }
                        else if (onStack.Contains(target)) low[key] = Math.Min(low[key], index[target]);
                        continue;
                    }
                    if (work.Count > 0) { var parent = work.Peek().Key; low[parent] = Math.Min(low[parent], low[key]); }
                    if (low[key] != index[key]) continue;
                    var component = new List<Node>();
                    string member;
                    do { member = stack.Pop(); onStack.Remove(member); component.Add(Nodes[member]); } while (member != key);
                    component.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                    result.Add(component);
                }
            }
            return result;
        }

        /// <summary>Whether a component is a cycle: more than one file, or one that refers to itself.</summary>
        public static bool IsCycle(List<Node> component) =>
            component.Count > 1 || component[0].Targets.Contains(component[0].Key, StringComparer.Ordinal);
    }
}
