using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MediaSync.Platform;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// Gathers, in parallel, the facts the diff compares and nothing more, so that planning reads no file and makes no
    /// request: what a folder holds at keys its listing leaves out, the hash of each file whose content is compared,
    /// what the listing lacked for the objects compared with them (a HEAD each, for an object MediaSync has no memory
    /// of), and in Link mode whether each object already is a link to its file.
    /// </summary>
    internal static class PublishFacts
    {
        /// <summary>
        /// Completes <paramref name="remote"/> and <paramref name="local"/>. A file that can no longer be read (it
        /// vanished since it was found) keeps its failure, to be one file's error while the rest go on.
        /// </summary>
        public static void Gather(List<LocalObject> local, Dictionary<string, StoredObject> remote, DiffRules rules,
            IMediaStore store, bool lookUp, int parallelism, CancellationToken cancellation)
        {
            var perCore = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
            var perRequest = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation };

            if (lookUp && store is IFileStore files && files.Exists)
            {
                var missing = local.Select(l => l.File.RelativePath).Concat(rules.OnlyDelete ?? Enumerable.Empty<string>())
                    .Where(key => !remote.ContainsKey(key)).Distinct(StringComparer.Ordinal).ToList();
                var found = new ConcurrentBag<StoredObject>();
                Parallel.ForEach(missing, perCore, key => { if (files.Find(key) is StoredObject stored) found.Add(stored); });
                foreach (var stored in found) remote[stored.Key] = stored;
            }

            var compared = local.Where(l => remote.TryGetValue(l.File.RelativePath, out var r) && PublishDiff.NeedsHash(l, r, rules)).ToList();
            Parallel.ForEach(compared, perCore, l =>
            {
                try { _ = l.File.Hash; }
                catch (Exception e) when (Errors.IsIoFailure(e)) { l.ReadFailure = e; }
            });
            var headersCompared = rules.KeepsHeaders && !rules.Link && rules.Strategy == OverwriteStrategy.IfChanged;
            var toResolve = local.Where(l => l.ReadFailure == null && remote.TryGetValue(l.File.RelativePath, out var r) && r.Size == l.File.Length
                && (PublishDiff.NeedsHash(l, r, rules) || (headersCompared && r.HeadersDigest == null))).Select(l => remote[l.File.RelativePath]).ToList();
            Parallel.ForEach(toResolve, perRequest, stored => StoredObject.Resolve(stored, store.KeepsHeaders));

            if (rules.Link && store is ILinkingStore linking)
            {
                var linked = local.Where(l => l.File.Content.FilePath != null && remote.TryGetValue(l.File.RelativePath, out var r)
                    && (r.Kind == EntryKind.Link || r.Kind == EntryKind.File)).ToList();
                Parallel.ForEach(linked, perCore, l => l.AlreadyLinked = linking.IsLinkTo(l.File.RelativePath, l.File.Content.FilePath!));
            }
        }
    }
}
