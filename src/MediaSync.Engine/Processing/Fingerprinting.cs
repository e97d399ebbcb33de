using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MediaSync.Content;
using MediaSync.Discovery;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// Renames files to app.&lt;8 hex of the content hash&gt;.css, as Django's ManifestStaticFilesStorage does, and rewrites
    /// CSS url() and @import references to the new names. Referenced files are renamed first, so a stylesheet's
    /// hash covers the names it points to. A reference to a file that is not there is a warning, never a failure.
    /// </summary>
    internal static class MediaFingerprinting
    {
        public const string ProcessorName = "Fingerprint";
        // @import may be followed by its string at once: minifiers (esbuild) write @import"b.css"
        private static readonly Regex Reference = new Regex(
            @"(?<lead>url\(\s*(?<q1>[""']?))(?<url>[^""')]+?)(?<trail>\k<q1>\s*\))|(?<lead>@import\s*(?<q2>[""']))(?<url>[^""']+)(?<trail>\k<q2>)",
            RegexOptions.IgnoreCase);

        /// <summary>Fingerprints the files whose keys match <paramref name="include"/> (all when empty); others pass unchanged.</summary>
        public static IReadOnlyList<MediaFile> Fingerprint(IReadOnlyList<MediaFile> files, IEnumerable<string>? include, IEngineHost host) =>
            MediaProcessing.Run(files, new IMediaProcessor[] { new Step(include) }, host);

        /// <summary>Fingerprinting as a step: it needs the whole set at once, to rename referenced files first.</summary>
        internal sealed class Step : IBatchMediaProcessor
        {
            private readonly IEnumerable<string>? _include;

            /// <param name="include">Fingerprint only the keys matching these globs (all when null).</param>
            public Step(IEnumerable<string>? include = null) => _include = include;

            public string Name => ProcessorName;
            public bool Accepts(MediaFile file) => file.ContentEncoding == null;

            public MediaContent? Process(MediaFile file, IEngineHost host) =>
                throw new InvalidOperationException("Fingerprint works on the whole set; it runs as a batch.");

            public IReadOnlyList<ProcessOutcome> ProcessBatch(IReadOnlyList<MediaFile> files, IEngineHost host) => Outcomes(files, _include, host);
        }

        /// <summary>
        /// What fingerprinting does to each file, as a processing step's outcomes (new content, new key), so that each
        /// file is derived once, by whoever runs the step.
        /// </summary>
        internal static IReadOnlyList<ProcessOutcome> Outcomes(IReadOnlyList<MediaFile> files, IEnumerable<string>? include, IEngineHost host)
        {
            var filter = new KeyFilter(include, null);
            var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
                if (files[i].ContentEncoding == null && !files[i].Deleted && !byKey.ContainsKey(files[i].RelativePath)) byKey[files[i].RelativePath] = i;

            var renamed = new Dictionary<string, string>(StringComparer.Ordinal); // old key -> new key
            var outcomes = Enumerable.Repeat(ProcessOutcome.Unchanged, files.Count).ToArray();
            var state = new Dictionary<string, Visit>(StringComparer.Ordinal);

            void Visit(string key)
            {
                if (state.TryGetValue(key, out var seen))
                {
                    if (seen == Processing.Visit.Active) host.WriteWarning($"'{key}' is part of a CSS reference cycle; one reference in the cycle keeps the old name.");
                    return;
                }
                state[key] = Processing.Visit.Active;
                var index = byKey[key];
                var file = files[index];
                var content = file.Content;
                if (IsCss(key))
                {
                    var text = new ProcessorInput(file).Text;
                    foreach (var target in References(text, key).Where(byKey.ContainsKey)) Visit(target);
                    var rewritten = Rewrite(text, key, renamed, byKey, host);
                    if (!string.Equals(rewritten, text, StringComparison.Ordinal)) content = MediaContent.FromBytes(new UTF8Encoding(false).GetBytes(rewritten));
                }
                if (filter.Accepts(key))
                {
                    var hash = content == file.Content ? file.Hash : ContentHash.Md5Hex(content.OpenRead());
                    var newKey = FingerprintedKey(key, hash);
                    renamed[key] = newKey;
                    outcomes[index] = ProcessOutcome.Changed(content, newKey);
                }
                else if (content != file.Content) outcomes[index] = ProcessOutcome.Changed(content);
                state[key] = Processing.Visit.Done;
            }

            foreach (var key in byKey.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList()) Visit(key);
            return outcomes;
        }

        /// <summary>app.css with hash 1a2b3c4d... becomes app.1a2b3c4d.css; a name without extension gets the hash appended.</summary>
        public static string FingerprintedKey(string key, string hash)
        {
            var slash = key.LastIndexOf('/');
            var dot = key.LastIndexOf('.');
            var stamp = hash.Substring(0, 8);
            return dot > slash + 1 ? key.Substring(0, dot) + "." + stamp + key.Substring(dot) : key + "." + stamp;
        }

        private static bool IsCss(string key) => key.EndsWith(".css", StringComparison.OrdinalIgnoreCase);

        private static IEnumerable<string> References(string css, string key) =>
            Reference.Matches(css).Cast<Match>().Select(m => m.Groups["url"].Value.Trim())
                .Where(MediaBundler.IsRelative).Select(url => MediaBundler.ReferencedKey(key, url));

        private static string Rewrite(string css, string key, Dictionary<string, string> renamed, Dictionary<string, int> known, IEngineHost host) =>
            Reference.Replace(css, match =>
            {
                var url = match.Groups["url"].Value.Trim();
                if (!MediaBundler.IsRelative(url)) return match.Value;
                var (path, suffix) = MediaBundler.SplitSuffix(url);
                var target = MediaBundler.ReferencedKey(key, url);
                if (!known.ContainsKey(target))
                {
                    host.WriteWarning($"'{key}' refers to '{url}', which is not among the files; the reference is left as it is.");
                    return match.Value;
                }
                if (!renamed.TryGetValue(target, out var newKey)) return match.Value;
                var slash = path.LastIndexOf('/');
                var newName = newKey.Substring(newKey.LastIndexOf('/') + 1);
                return match.Groups["lead"].Value + (slash < 0 ? "" : path.Substring(0, slash + 1)) + newName + suffix + match.Groups["trail"].Value;
            });
    }

    internal enum Visit { Active, Done }
}
