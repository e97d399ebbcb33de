using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MediaSync.Platform;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// The one publish pipeline, for a folder and for every store: select the publishable files, list the
    /// destination, gather the facts, diff (<see cref="PublishDiff"/>), write in waves (assets, then pages) through
    /// the store, asking the host before each change, then delete orphans under <see cref="DeleteGuard"/>. A dry run
    /// writes to a <see cref="DryRunStore"/>, so it walks the same path and cannot write.
    /// </summary>
    internal static class Publisher
    {
        /// <summary>
        /// Publishes to the request's folder. Validates eagerly (throwing <see cref="MediaSyncException"/> for bad
        /// arguments), then returns the lazily produced results; enumerate them on the thread that owns <paramref name="host"/>.
        /// </summary>
        public static IEnumerable<PublishResult> Publish(PublishRequest request, IReadOnlyList<MediaFile> files, IEngineHost host, StoreListing? listing = null)
        {
            if (request?.Destination == null) throw new ArgumentException("A folder publish needs a destination.", nameof(request));
            var folder = listing?.Store ?? request.OpenFolder();
            return Publish(request, files, folder, host, listing);
        }

        /// <summary>
        /// Starts listing the destination (the request's folder, or <paramref name="store"/>) now, so that it runs while
        /// files are still being found and processed; null where there is nothing to list first (Clean lists everything itself).
        /// A folder is listed only once <paramref name="sourceRoots"/> are known and <see cref="DestinationGuard"/> passed
        /// them: without them this checks only what needs no source (-Delete into the home folder) and lists nothing.
        /// </summary>
        public static StoreListing? StartListing(PublishRequest request, IMediaStore? store, CancellationToken cancellation, IEnumerable<string>? sourceRoots = null)
        {
            request.RequireShardArguments();
            Shard.UseState(store, request.Shard);
            if (DestinationGuard.FolderOf(request, store) != null)
            {
                DestinationGuard.Require(request, store, sourceRoots ?? Array.Empty<string>());
                if (sourceRoots == null) return null;
            }
            if (store != null) return StoreListing.Start(store, cancellation);
            if (request.Destination == null || request.Cleans) return null;
            return StoreListing.Start(request.OpenFolder(), cancellation);
        }

        /// <summary>
        /// Publishes to a store. <paramref name="listing"/> is the store's listing if it was started early
        /// (<see cref="StoreListing.Start"/>); otherwise the store is listed here.
        /// </summary>
        public static IEnumerable<PublishResult> Publish(PublishRequest request, IReadOnlyList<MediaFile> files, IMediaStore store, IEngineHost host,
            StoreListing? listing = null)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (listing != null && !ReferenceEquals(listing.Store, store)) throw new ArgumentException("The listing is of another store.", nameof(listing));
            var settings = request.Settings(store);
            // Every file is in, so every source root is known: none may overlap a folder destination.
            DestinationGuard.Require(request, store, DestinationGuard.SourceRoots(files));
            if (settings.Clean)
            {
                if (!(store is ICleanableStore))
                    throw new MediaSyncException(Errors.ConflictingArguments($"{store.Name} cannot be cleaned; {OptionNames.Of("Overwrite")} Clean applies to a folder."));
                if (files.Count == 0) throw new MediaSyncException(Errors.NothingToPublish(store.Name, "cleaned"));
            }
            if (listing == null) Shard.UseState(store, settings.Shard);
            return Run(settings, files, store, host, listing ?? StoreListing.OnDemand(store));
        }

        private static IEnumerable<PublishResult> Run(PublishSettings settings, IReadOnlyList<MediaFile> files, IMediaStore store, IEngineHost host, StoreListing listing)
        {
            var clock = Stopwatch.StartNew();
            var now = settings.NowUtc ?? DateTime.UtcNow;
            // A dry run writes to a store that records and writes nothing; what the store can do is asked of the real one.
            var target = settings.WhatIf ? new DryRunStore(store) : store;
            var rules = settings.Diff;
            rules.KeepsHeaders = store.KeepsHeaders;
            rules.StoreName = store.Name;
            rules.DestinationOf = key => Destination(store, key);
            rules.OnlyDelete = ChangeSet.Deletions(files);
            var caseSensitive = (store as IFileStore)?.CaseSensitive ?? true;
            var named = rules.FolderWords ? $"'{store.Name}'" : store.Name;

            // 1. One file per key, compared as the destination compares names.
            var selection = PublishSelection.Of(files, store, caseSensitive, rules.DestinationOf, host);
            settings.Shard?.Keep(selection);
            foreach (var skipped in selection.Skipped) yield return skipped;
            var local = selection.Files.Select(file => new LocalObject(file, settings.Headers.For(file, now))).ToList();

            // 2. The listing; Clean empties the destination first instead, after a high-impact confirmation.
            Dictionary<string, StoredObject> remote;
            var comparer = caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
            if (settings.Clean && store is ICleanableStore cleanable && (store as IFileStore)?.Exists != false)
            {
                var clean = new CleanStep(cleanable, target, rules.DestinationOf, host);
                foreach (var result in clean.Run(local.Count, settings.WhatIf)) yield return result;
                if (clean.Declined) yield break;
                remote = new Dictionary<string, StoredObject>(comparer);
            }
            else remote = listing.Result(host, comparer);
            // -Create: a missing bucket or container is made before the first write; a dry run only says it would
            if (store is ICreatableStore creatable && creatable.Missing && host.ShouldProcess(store.Name, "Create (private)") && !settings.WhatIf)
                creatable.Create(host.Cancellation);
            host.WriteVerbose($"Listed {remote.Count} objects in {store.Name} in {clock.Elapsed.TotalSeconds:0.000} s.");
            if (!settings.WhatIf && store is IFileStore folder && folder.RemoveLeftovers() is int removed && removed > 0)
                host.WriteVerbose($"Removed {removed} temp files that interrupted writes had left in {named}.");

            // 3. The facts, so that the plan reads nothing more.
            rules.LinkedFolders = PublishDiff.LinkedFolders(local, remote);
            foreach (var link in rules.LinkedFolders) host.WriteWarning(Errors.DestinationLinkReplaced(rules.DestinationOf(link)));
            // -DeleteOnly compares nothing: it writes nothing, and its plan is only the orphans of the whole input.
            if (!settings.DeleteOnly) PublishFacts.Gather(local, remote, rules, store, lookUp: !settings.Clean, settings.Parallelism, host.Cancellation);
            if (!settings.Delete) ChangeSet.WarnKept(rules.OnlyDelete, named, host);

            // 4. The plan, consumed as it is made: refusals, skips and failures go out at once and are forgotten; only
            // the writes are kept (for the waves), and the deletes are planned after them. The totals are known at the end.
            var progress = new ProgressTracker("Publishing to " + store.Name, host);
            foreach (var refused in selection.Refused)
            {
                progress.Failed(refused.Error!);
                yield return refused;
            }
            var writes = new List<PlanStep>();
            var planned = 0;
            foreach (var step in settings.DeleteOnly ? Enumerable.Empty<PlanStep>() : PublishDiff.Steps(local, remote, rules))
            {
                planned++;
                if (step.Kind == StepKind.Write || step.Kind == StepKind.Link || step.Kind == StepKind.UpdateHeaders)
                {
                    writes.Add(step);
                    continue;
                }
                if (step.Error != null) progress.Failed(step.Error);
                else Remember(target, step);
                yield return Result(store, step, step.Action, 0, error: step.Error);
            }
            progress.Expect(writes.Where(s => s.Kind == StepKind.Write).Sum(s => s.File!.Length), writes.Count);
            host.WriteVerbose($"Planned {planned} steps ({writes.Count} writes) by {clock.Elapsed.TotalSeconds:0.000} s.");

            // 5. The writes in waves.
            var writer = new StepWriter(store, target, rules, progress);
            var waves = new WriteWaves<PlanStep>(step => step.File!,
                step => Result(store, step, step.Action, step.Kind == StepKind.Write ? step.File!.Length : 0),
                step => Result(store, step, PublishAction.Skipped, 0, PublishReason.Declined),
                writer.Execute)
            {
                WhatIf = settings.WhatIf,
                WhatIfWritesToDryRun = true,
                ThrottleLimit = settings.Parallelism,
                // A store bound to this thread (a scriptblock) writes here, one at a time; a dry run writes nowhere.
                OnCallerThread = store is ICallerThreadStore && !settings.WhatIf,
            };
            foreach (var result in waves.Run(writes, progress, host)) yield return result;
            progress.Complete();
            if (target is IStatefulStore stateful) SaveState(stateful, store, progress, host);

            // 6. Orphans, only after every write, and only under the guards.
            if (settings.Delete)
            {
                var deletes = new OrphanDeletes(settings, store, target, rules.DestinationOf, host);
                foreach (var result in deletes.Run(PublishDiff.Orphans(local, remote, rules).ToList(), files, local.Count, rules.OnlyDelete, progress.Failures, remote.Count))
                    yield return result;
            }
            host.WriteVerbose($"Published {local.Count} files to {named} in {clock.Elapsed.TotalSeconds:0.00} s.");
        }

        /// <summary>A state file that cannot be saved is the run's failure (so nothing is deleted), not the end of it.</summary>
        private static void SaveState(IStatefulStore stateful, IMediaStore store, ProgressTracker progress, IEngineHost host)
        {
            try { stateful.SaveState(host.Cancellation); }
            catch (OperationCanceledException) when (host.Cancellation.IsCancellationRequested) { throw; }
            catch (Exception e) when (!(e is MediaSyncException)) { progress.Failed(Errors.StateNotSaved(store.Name, e)); }
        }

        /// <summary>Found unchanged the slow way (no remembered digest or stamp): remember it, so the next run is free.</summary>
        private static void Remember(IMediaStore target, PlanStep step)
        {
            if (!(target is IStatefulStore remembers) || step.Remote == null || step.File == null || step.Reason != PublishReason.Unchanged) return;
            var stamp = SourceStamp.Of(step.File);
            if (step.Remote.HeadersDigest == null || step.Remote.SourceStamp != stamp)
                remembers.Confirm(step.Key, step.Headers, stamp, step.File.HasHash ? step.File.Hash : null);
        }

        internal static PublishResult Result(IMediaStore store, PlanStep step, PublishAction action, long bytes, PublishReason? reason = null, MediaSyncError? error = null) =>
            new PublishResult(action, reason ?? step.Reason, step.Key, () => Destination(store, step.Key), bytes, step.File?.FullName, error);

        /// <summary>Where a key is published: a folder's file path, a store's public URL, or its name and the key.</summary>
        internal static string Destination(IMediaStore store, string key) =>
            store is IFileStore files ? files.PathOf(key)
            : store is IPublicUrlStore urls ? urls.UrlFor(key).AbsoluteUri
            : store.Name.TrimEnd('/') + "/" + key;
    }
}
