using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>One bundle: its key and its members' keys, in the order they are joined.</summary>
    internal sealed class BundleDefinition
    {
        public BundleDefinition(string name, IEnumerable<string> members)
        {
            Name = name;
            Members = members.ToList();
        }

        public string Name { get; }
        public IReadOnlyList<string> Members { get; }
    }

    internal sealed class BundleRequest
    {
        public IList<BundleDefinition> Bundles { get; set; } = new List<BundleDefinition>();
        /// <summary>Folder prefix for CSS members: with "styles", "reset.css" means "styles/reset.css".</summary>
        public string? CssPath { get; set; }
        /// <summary>Folder prefix for JS members.</summary>
        public string? JsPath { get; set; }
    }

    /// <summary>
    /// Joins files into bundles, the ancestor's JOINED: JS members with ";\n", CSS members with @charset hoisted
    /// once and relative url() references rebased to the bundle's folder.
    /// </summary>
    internal static class MediaBundler
    {
        private static readonly Regex Charset = new Regex(@"^\uFEFF?@charset\s+(""[^""]*""|'[^']*')\s*;\s*", RegexOptions.IgnoreCase);
        private static readonly Regex Import = new Regex(@"@import\s", RegexOptions.IgnoreCase);

        /// <summary>Checks names and kinds and applies path shortcuts; throws <see cref="MediaSyncException"/> on bad definitions.</summary>
        public static IReadOnlyList<BundleDefinition> Resolve(BundleRequest request)
        {
            var resolved = new List<BundleDefinition>();
            foreach (var bundle in request.Bundles)
            {
                var kind = Kind(bundle.Name);
                if (kind == null || !MediaKey.IsValid(bundle.Name, out _)) throw new MediaSyncException(Errors.BundleNameInvalid(bundle.Name));
                if (bundle.Members.Count == 0) throw new MediaSyncException(Errors.BundleEmpty(bundle.Name));
                var members = new List<string>();
                foreach (var member in bundle.Members)
                {
                    if (Kind(member) != kind) throw new MediaSyncException(Errors.BundleMixesKinds(bundle.Name, member));
                    var prefix = kind == ".css" ? request.CssPath : request.JsPath;
                    var key = string.IsNullOrEmpty(prefix) ? member : prefix!.Replace('\\', '/').Trim('/') + "/" + member.TrimStart('/');
                    members.Add(MediaKey.IsValid(key, out _) ? key : throw new MediaSyncException(Errors.BundleNameInvalid(key)));
                }
                resolved.Add(new BundleDefinition(bundle.Name, members));
            }
            return resolved;
        }

        /// <summary>The bundles made from <paramref name="files"/>; a bundle with a missing member is reported and left out.</summary>
        public static IEnumerable<MediaFile> Bundle(IReadOnlyList<MediaFile> files, IReadOnlyList<BundleDefinition> bundles, IEngineHost host)
        {
            var byKey = new Dictionary<string, MediaFile>(StringComparer.Ordinal);
            foreach (var file in files)
                if (file.ContentEncoding == null && !file.Deleted && !byKey.ContainsKey(file.RelativePath)) byKey.Add(file.RelativePath, file);
            foreach (var bundle in bundles)
            {
                var missing = bundle.Members.FirstOrDefault(m => !byKey.ContainsKey(m));
                if (missing != null)
                {
                    host.WriteError(Errors.BundleMemberMissing(bundle.Name, missing));
                    continue;
                }
                var members = bundle.Members.Select(m => byKey[m]).ToList();
                var text = Kind(bundle.Name) == ".js" ? JoinScripts(members) : JoinStyles(bundle.Name, members, host);
                var first = members[0];
                yield return new MediaFile(bundle.Name, first.FullName, "(bundle)", first.SourceRoot, MediaContent.FromBytes(new UTF8Encoding(false).GetBytes(text)),
                    members.Max(m => m.LastWriteTimeUtc))
                {
                    Members = bundle.Members.ToArray(),
                    MissingSources = members.SelectMany(m => m.MissingSources).Distinct(StringComparer.Ordinal).ToArray(),
                    SkippedLinks = members.SelectMany(m => m.SkippedLinks).Distinct(StringComparer.Ordinal).ToArray(),
                };
            }
        }

        private static string? Kind(string key)
        {
            var extension = Path.GetExtension(key).ToLowerInvariant();
            return extension == ".css" || extension == ".js" ? extension : null;
        }

        private static string Read(MediaFile file) => new ProcessorInput(file).Text;

        private static string JoinScripts(IEnumerable<MediaFile> members) => string.Join(";\n", members.Select(Read));

        private static string JoinStyles(string bundleName, IReadOnlyList<MediaFile> members, IEngineHost host)
        {
            string? charset = null;
            var parts = new List<string>();
            for (var i = 0; i < members.Count; i++)
            {
                var text = Read(members[i]);
                var match = Charset.Match(text);
                if (match.Success)
                {
                    charset ??= match.Value.Trim().TrimStart('\uFEFF');
                    text = text.Substring(match.Length);
                }
                if (i > 0 && Import.IsMatch(text))
                    host.WriteWarning($"'{members[i].RelativePath}' has an @import; inside bundle '{bundleName}' it comes after other rules, where browsers ignore it.");
                parts.Add(Rebase(text, Folder(members[i].RelativePath), Folder(bundleName)));
            }
            var joined = string.Join("\n", parts);
            return charset == null ? joined : charset + "\n" + joined;
        }

        /// <summary>The folder part of a key ("" at the root).</summary>
        internal static string Folder(string key)
        {
            var slash = key.LastIndexOf('/');
            return slash < 0 ? "" : key.Substring(0, slash);
        }

        /// <summary>A URL's path and its "?query" or "#fragment" suffix (empty when there is none).</summary>
        internal static (string Path, string Suffix) SplitSuffix(string url)
        {
            var at = url.IndexOfAny(new[] { '?', '#' });
            return at < 0 ? (url, "") : (url.Substring(0, at), url.Substring(at));
        }

        /// <summary>The key a relative URL in the file <paramref name="fromKey"/> points to.</summary>
        internal static string ReferencedKey(string fromKey, string url) => Combine(Folder(fromKey), SplitSuffix(url).Path);

        /// <summary>Rewrites relative url() references written for <paramref name="from"/> so they work from <paramref name="to"/>.</summary>
        internal static string Rebase(string css, string from, string to)
        {
            if (from == to) return css;
            // The tokenizer's references, so a url() inside a comment or a content string is left as it is.
            var edits = References.CssReferences.Find(css)
                .Where(r => r.Kind != References.ReferenceKind.SourceMap && IsRelative(r.Value.Trim()))
                .Select(r => (r, RelativeUrl(to, Combine(from, r.Value.Trim())))).ToList();
            return References.ReferenceRewriter.Apply(css, edits);
        }

        internal static bool IsRelative(string url) =>
            url.Length > 0 && !url.StartsWith("/", StringComparison.Ordinal) && !url.StartsWith("#", StringComparison.Ordinal)
            && !Scheme.IsMatch(url);

        // data:, http:foobar, chrome:foobar: a scheme, so no file
        private static readonly Regex Scheme = new Regex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant);

        /// <summary>A folder-relative URL resolved against a folder key (may climb above the root with '..').</summary>
        internal static string Combine(string folder, string url)
        {
            var (path, suffix) = SplitSuffix(url);
            var segments = folder.Length == 0 ? new List<string>() : folder.Split('/').ToList();
            foreach (var segment in path.Split('/'))
            {
                if (segment == "." || segment.Length == 0) continue;
                if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..") segments.RemoveAt(segments.Count - 1);
                else segments.Add(segment);
            }
            return string.Join("/", segments) + suffix;
        }

        /// <summary>The relative URL from folder <paramref name="fromFolder"/> to key <paramref name="target"/>.</summary>
        internal static string RelativeUrl(string fromFolder, string target)
        {
            var from = fromFolder.Length == 0 ? new string[0] : fromFolder.Split('/');
            var to = target.Split('/');
            var common = 0;
            while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
            return string.Join("/", Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
        }
    }
}
