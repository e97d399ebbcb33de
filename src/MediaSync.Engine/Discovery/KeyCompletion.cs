using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>
    /// Keys for tab completion: those that start with what was typed, from discovery's sources or from a list (a
    /// manifest's), sorted, and bounded in number and time so that a huge tree never holds up the prompt.
    /// </summary>
    internal static class KeyCompletion
    {
        /// <summary>More than a prompt can show usefully; PowerShell lists them all on Ctrl+Space.</summary>
        public const int DefaultLimit = 100;

        /// <summary>How long a walk may take before completion offers what it has found.</summary>
        public static readonly TimeSpan DefaultBudget = TimeSpan.FromMilliseconds(500);

        /// <summary>
        /// The keys of the merged view of <paramref name="request"/>'s roots and apps that start with
        /// <paramref name="prefix"/>, ignoring case as -Name's globs do, and pass its -Include and -Exclude. Only folders
        /// that can hold the prefix are walked; the walk stops at <paramref name="limit"/> keys or after
        /// <paramref name="budget"/>. Sources that are missing or unreadable add nothing, and bad input gives no keys:
        /// completion never fails aloud (<paramref name="onWalkError"/> alone hears of what the walk met).
        /// </summary>
        public static IReadOnlyList<string> FromSources(MediaDiscoveryRequest request, string prefix, int limit, TimeSpan budget,
            Action<MediaSyncError>? onWalkError = null)
        {
            prefix = prefix.Replace('\\', '/').TrimStart('/');
            var found = new HashSet<string>(StringComparer.Ordinal);
            var clock = Stopwatch.StartNew();
            using (var deadline = new CancellationTokenSource(budget))
            {
                try
                {
                    var sources = MediaDiscovery.ResolveSources(request, new SilentHost(deadline.Token), new List<string>());
                    var filter = new KeyFilter(request.Include, request.Exclude);
                    var walker = new TreeWalker(request.Force, followLinks: true, onWalkError ?? (_ => { }), deadline.Token, enterFolder: folder => CanHold(folder, prefix));
                    foreach (var source in sources)
                    {
                        foreach (var entry in walker.Walk(source.Folder))
                        {
                            if (clock.Elapsed >= budget) return Sorted(found);
                            if (!entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !filter.Accepts(entry.Key)) continue;
                            found.Add(entry.Key);
                            if (found.Count >= limit) return Sorted(found);
                        }
                    }
                }
                catch (OperationCanceledException) { }
                catch (MediaSyncException) { }
                catch (ArgumentException) { }   // a glob or a path completion was given half-typed
            }
            return Sorted(found);
        }

        /// <summary>The keys of <paramref name="keys"/> that start with <paramref name="prefix"/>, compared as the command compares them.</summary>
        public static IReadOnlyList<string> FromKeys(IEnumerable<string> keys, string prefix, StringComparison comparison, int limit = DefaultLimit) =>
            Sorted(keys.Where(key => key.StartsWith(prefix.Replace('\\', '/').TrimStart('/'), comparison))).Take(limit).ToList();

        /// <summary>True when keys under <paramref name="folder"/> can start with <paramref name="prefix"/> ("css/" for "css/si", or "c").</summary>
        private static bool CanHold(string folder, string prefix)
        {
            var withSlash = folder + "/";
            return withSlash.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || prefix.StartsWith(withSlash, StringComparison.OrdinalIgnoreCase);
        }

        private static IReadOnlyList<string> Sorted(IEnumerable<string> keys) =>
            keys.Distinct(StringComparer.Ordinal).OrderBy(key => key, StringComparer.OrdinalIgnoreCase).ThenBy(key => key, StringComparer.Ordinal).ToList();

        /// <summary>A host that reports nothing: a prompt is no place for a missing folder's error.</summary>
        private sealed class SilentHost : IEngineHost
        {
            public SilentHost(CancellationToken cancellation) => Cancellation = cancellation;
            public CancellationToken Cancellation { get; }
            public void WriteVerbose(string message) { }
            public void WriteWarning(string message) { }
            public void WriteError(MediaSyncError error) { }
            public void WriteProgress(ProgressReport progress) { }
            public bool ShouldProcess(string target, string action) => false;
            public bool ShouldProcessHighImpact(string target, string action, string warning) => false;
        }
    }
}
