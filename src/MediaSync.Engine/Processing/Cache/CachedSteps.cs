using System;
using System.Collections.Generic;
using System.IO;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing.Cache
{
    /// <summary>
    /// Runs a cacheable step through the cache: hits come from disk, and only the misses reach the step (one esbuild
    /// run over the misses alone). An entry records "unchanged" too, so a file the step leaves alone is not re-run.
    /// Renames (a new key) and errors are never cached.
    /// </summary>
    internal static class CachedSteps
    {
        public static IReadOnlyList<ProcessOutcome> Run(ICacheableMediaProcessor processor, IReadOnlyList<MediaFile> files, ProcessingCache cache,
            IEngineHost host, Func<IReadOnlyList<MediaFile>, IEngineHost, IReadOnlyList<ProcessOutcome>> run)
        {
            var identity = processor.CacheIdentity;
            var outcomes = new ProcessOutcome[files.Count];
            var keys = new string?[files.Count];
            var missIndexes = new List<int>();
            var misses = new List<MediaFile>();
            for (var i = 0; i < files.Count; i++)
            {
                host.Cancellation.ThrowIfCancellationRequested();
                var file = files[i];
                // the key too: a source map's name and the keys it replaces follow the file's own name
                keys[i] = cache.KeyFor(identity, file, Path.GetExtension(file.RelativePath).ToLowerInvariant() + "\n" + file.RelativePath);
                var entry = keys[i] == null ? null : cache.TryGet(keys[i]!);
                if (entry != null)
                {
                    var cached = CacheEntry.Read(entry);
                    if (cached != null)
                    {
                        outcomes[i] = cached;
                        continue;
                    }
                }
                missIndexes.Add(i);
                misses.Add(file);
            }
            host.WriteVerbose($"{processor.Name}: {files.Count - misses.Count} cache hit(s), {misses.Count} miss(es) in '{cache.Folder}'.");
            if (misses.Count == 0) return outcomes;
            // A run that warned (a file NUglify cannot parse, esbuild missing) is not cached where the warning may be
            // about the file, so the next run says it again instead of passing the file on in silence.
            var recording = new ObservingHost(host);
            var computed = run(misses, recording);
            var warnings = recording.Warnings;
            for (var n = 0; n < missIndexes.Count; n++)
            {
                var outcome = computed[n];
                outcomes[missIndexes[n]] = outcome;
                var key = keys[missIndexes[n]];
                if (outcome.Error != null || outcome.NewKey != null || key == null || MayConcern(warnings, misses[n], outcome)) continue;
                cache.Put(key, CacheEntry.Write(outcome));
            }
            return outcomes;
        }

        /// <summary>True when a warning names the file, or the file came out unchanged from a run that warned at all.</summary>
        private static bool MayConcern(IReadOnlyList<string> warnings, MediaFile file, ProcessOutcome outcome)
        {
            if (warnings.Count == 0) return false;
            if (outcome.Content == null) return true;
            foreach (var warning in warnings)
                if (warning.IndexOf(file.RelativePath, StringComparison.Ordinal) >= 0) return true;
            return false;
        }
    }
}
