using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>What <c>Publish-Media -Store</c> asks for.</summary>
    internal sealed class StorePublishRequest
    {
        public const int DefaultMaxDelete = 256;
        public const int DefaultMaxDeletePercent = 50;
        public const int DefaultThrottleLimit = 16;

        public HeaderPolicy Headers { get; set; } = new HeaderPolicy();
        public bool Delete { get; set; }
        /// <summary>The most orphans a delete may remove; null means <see cref="DefaultMaxDelete"/>.</summary>
        public int? MaxDelete { get; set; }
        /// <summary>The largest share of the store's objects a delete may remove; null means <see cref="DefaultMaxDeletePercent"/>.</summary>
        public int? MaxDeletePercent { get; set; }
        /// <summary>Uploads in flight at once; null means <see cref="DefaultThrottleLimit"/>.</summary>
        public int? ThrottleLimit { get; set; }
        public bool WhatIf { get; set; }
        /// <summary>Compare MD5s even where a remembered source stamp says a file is unchanged.</summary>
        public bool Checksum { get; set; }
        /// <summary>The clock for Expires; tests fix it.</summary>
        public DateTime? NowUtc { get; set; }

        internal int DeleteLimit => MaxDelete ?? DefaultMaxDelete;
        internal int DeletePercentLimit => MaxDeletePercent ?? DefaultMaxDeletePercent;
        internal int Parallelism => ThrottleLimit ?? DefaultThrottleLimit;
    }

    /// <summary>
    /// Syncs media files to a store: one listing, a plan with reasons, uploads in parallel (assets first, then pages,
    /// so a page never refers to a file that is not there), header fixes without re-uploading where the store can,
    /// and deletes last, only under every guard.
    /// </summary>
    internal static class StorePublisher
    {
        /// <summary>
        /// Validates eagerly, then returns the lazily produced results. <paramref name="listing"/> is the store's
        /// listing if it was started early (<see cref="StoreListing.Start"/>); otherwise the store is listed here.
        /// </summary>
        public static IEnumerable<PublishResult> Publish(StorePublishRequest request, IReadOnlyList<MediaFile> files, IMediaStore store, IEngineHost host,
            StoreListing? listing = null)
        {
            if (listing != null && !ReferenceEquals(listing.Store, store)) throw new ArgumentException("The listing is of another store.", nameof(listing));
            PublishLimits.Require(request.DeleteLimit, request.Parallelism, request.DeletePercentLimit);
            KeptHeaders.Require(request.Headers, store);
            if (request.Delete && !store.CanDelete)
                throw new MediaSyncException(Errors.ConflictingArguments($"{store.Name} cannot delete (it was made without {OptionNames.Of("Delete")}), so {OptionNames.Of("Delete")} cannot be used with it."));
            return Run(request, files, store, host, listing ?? StoreListing.OnDemand(store));
        }

        private static IEnumerable<PublishResult> Run(StorePublishRequest request, IReadOnlyList<MediaFile> files, IMediaStore store, IEngineHost host,
            StoreListing listing)
        {
            var now = request.NowUtc ?? DateTime.UtcNow;
            // A dry run writes to a store that records and writes nothing; what the store can do is asked of the real one.
            IMediaStore target = request.WhatIf ? new DryRunStore(store) : store;
            var deletions = ChangeSet.Deletions(files);
            // keys are compared as stores compare them: exactly
            var selection = PublishSelection.Of(files, store.Name, caseSensitive: true, key => Destination(store, key), host);
            foreach (var skipped in selection.Skipped) yield return skipped;
            var local = selection.Files.Select(file => new LocalObject(file, request.Headers.For(file, now))).ToList();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var remote = listing.Result(host);
            host.WriteVerbose($"Listed {remote.Count} objects in {store.Name} in {clock.Elapsed.TotalSeconds:0.000} s.");
            // Gather, in parallel, the facts the plan compares and nothing more: the hash of each file whose content is
            // compared or uploaded, and what the listing lacked for the objects compared with them (a HEAD each, for
            // an object MediaSync has no memory of). The plan itself then reads no file and makes no request. A file
            // that can no longer be read (it vanished since it was found) is one file's error, and the rest go on.
            var toHash = local.Select(l => l.File).Where(f => !remote.TryGetValue(f.RelativePath, out var r) || SyncPlanner.NeedsHash(f, r, request.Checksum)
                || r.Size != f.Length).ToList();
            var toLookUp = local.Where(l => remote.TryGetValue(l.File.RelativePath, out var r) && r.Size == l.File.Length
                && (SyncPlanner.NeedsHash(l.File, r, request.Checksum) || (store.KeepsHeaders && r.HeadersDigest == null))).Select(l => remote[l.File.RelativePath]).ToList();
            var unreadable = new System.Collections.Concurrent.ConcurrentDictionary<MediaFile, Exception>();
            var options = new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = host.Cancellation };
            System.Threading.Tasks.Parallel.ForEach(toHash, options, file => { try { _ = file.Hash; } catch (Exception e) when (Errors.IsIoFailure(e)) { unreadable[file] = e; } });
            System.Threading.Tasks.Parallel.ForEach(toLookUp, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = host.Cancellation },
                stored => StoredObject.Resolve(stored, store.KeepsHeaders));
            var readable = unreadable.IsEmpty ? local : local.Where(l => !unreadable.ContainsKey(l.File)).ToList();
            var plan = SyncPlanner.Plan(readable, remote, store.KeepsHeaders, request.Delete, request.Checksum, deletions);
            host.WriteVerbose($"Hashed {toHash.Count} files and planned {plan.Count} steps by {clock.Elapsed.TotalSeconds:0.000} s.");
            if (!request.Delete) ChangeSet.WarnKept(deletions, store.Name, host);

            var writes = plan.Where(s => s.Action == SyncAction.Upload || s.Action == SyncAction.UpdateHeaders).ToList();
            var progress = new ProgressTracker("Publishing to " + store.Name, writes.Where(s => s.Action == SyncAction.Upload).Sum(s => s.File!.Length), writes.Count, host);
            foreach (var failed in local.Where(l => unreadable.ContainsKey(l.File)))
            {
                var error = Errors.SourceUnreadable(failed.File.RelativePath, failed.File.FullName, unreadable[failed.File]);
                progress.Failed(error);
                yield return new PublishResult(PublishAction.Failed, PublishReason.Error, failed.File.RelativePath, Destination(store, failed.File.RelativePath), 0,
                    failed.File.FullName, error: error);
            }
            foreach (var step in plan.Where(s => s.Action == SyncAction.Skip))
            {
                // Found unchanged the slow way (no remembered digest or stamp): remember it, so the next run is free.
                if (target is IStatefulStore remembers && step.Remote != null)
                {
                    var stamp = SourceStamp.Of(step.File!);
                    if (step.Remote.HeadersDigest == null || step.Remote.SourceStamp != stamp)
                        remembers.Confirm(step.Key, step.Headers, stamp, step.File!.HasHash ? step.File.Hash : null);
                }
                yield return Result(store, step, PublishAction.Skipped, 0);
            }

            var headersInPlace = store is IHeaderUpdatingStore;
            var waves = new WriteWaves<SyncStep>(step => step.File!,
                step => Result(store, step, step.Reason == SyncReason.New ? PublishAction.Created : PublishAction.Updated,
                    step.Action == SyncAction.Upload ? step.File!.Length : 0),
                step => Result(store, step, PublishAction.Skipped, 0, PublishReason.Declined),
                (step, planned, token) => Execute(target, headersInPlace, step, planned, progress, token))
            {
                WhatIf = request.WhatIf,
                WhatIfWritesToDryRun = true,
                ThrottleLimit = request.Parallelism,
                // A store bound to this thread (a scriptblock) writes here, one at a time; a dry run writes nowhere.
                OnCallerThread = store is ICallerThreadStore && !request.WhatIf,
            };
            foreach (var result in waves.Run(writes, progress, host)) yield return result;
            progress.Complete();
            if (target is IStatefulStore stateful) stateful.SaveState(host.Cancellation);

            if (!request.Delete) yield break;
            var orphans = plan.Where(s => s.Action == SyncAction.Delete).ToList();
            var refusal = DeleteGuard.Refusal(store.Name, files, local.Count, deletions, progress.Failures, orphans.Select(o => o.Key).ToList(),
                request.DeleteLimit, request.DeletePercentLimit, remote.Count);
            if (refusal != null)
            {
                host.WriteError(refusal);
                foreach (var orphan in orphans) yield return Result(store, orphan, PublishAction.Skipped, 0);
                yield break;
            }
            var approved = new List<SyncStep>();
            foreach (var orphan in orphans)
            {
                var planned = Result(store, orphan, PublishAction.Deleted, 0);
                if (host.ShouldProcess(planned.Destination, "Delete (Orphan)")) approved.Add(orphan);
                else yield return request.WhatIf ? planned.AsWhatIf() : Result(store, orphan, PublishAction.Skipped, 0, PublishReason.Declined);
            }
            if (approved.Count == 0) yield break;
            MediaSyncError? deleteError = null;
            try { target.Delete(approved.Select(o => o.Key).ToList(), host.Cancellation); }
            catch (Exception e) when (!(e is OperationCanceledException)) { deleteError = Errors.StoreDeleteFailed(store.Name, e); }
            if (deleteError != null) host.WriteError(deleteError);
            if (target is IStatefulStore remembering) remembering.SaveState(host.Cancellation);
            foreach (var orphan in approved)
            {
                var deleted = Result(store, orphan, PublishAction.Deleted, 0);
                yield return deleteError != null ? new PublishResult(PublishAction.Failed, PublishReason.Error, orphan.Key, Destination(store, orphan.Key), 0, error: deleteError)
                    : request.WhatIf ? deleted.AsWhatIf() : deleted;
            }
        }

        private static PublishResult Execute(IMediaStore target, bool headersInPlace, SyncStep step, PublishResult planned, ProgressTracker progress,
            System.Threading.CancellationToken cancellation)
        {
            var file = step.File!;
            try
            {
                if (step.Action == SyncAction.UpdateHeaders && headersInPlace)
                    ((IHeaderUpdatingStore)target).UpdateHeaders(step.Key, step.Headers, cancellation);
                else
                {
                    target.Put(new StorePut(step.Key, file.Content, file.Hash, step.Headers, SourceStamp.Of(file), file.LastWriteTimeUtc), cancellation);
                    progress.AddBytes(file.Length);
                }
                return planned;
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception e)
            {
                // A source that vanished or turned unreadable since it was found is the file's fault, not the store's.
                var error = file.Content.FilePath is string path && Errors.IsIoFailure(e) && !AtomicFile.CanRead(path)
                    ? Errors.SourceUnreadable(step.Key, file.FullName, e)
                    : Errors.StoreWriteFailed(step.Key, target.Name, e);
                return new PublishResult(PublishAction.Failed, PublishReason.Error, step.Key, planned.Destination, 0, file.FullName, error: error);
            }
        }

        private static PublishResult Result(IMediaStore store, SyncStep step, PublishAction action, long bytes, PublishReason? reason = null) =>
            new PublishResult(action, reason ?? Reason(step.Reason), step.Key, () => Destination(store, step.Key), bytes, step.File?.FullName);

        private static string Destination(IMediaStore store, string key) =>
            store is IPublicUrlStore urls ? urls.UrlFor(key).AbsoluteUri : store.Name.TrimEnd('/') + "/" + key;

        private static PublishReason Reason(SyncReason reason)
        {
            switch (reason)
            {
                case SyncReason.New: return PublishReason.New;
                case SyncReason.ContentChanged: return PublishReason.ContentChanged;
                case SyncReason.NotComparable: return PublishReason.NotComparable;
                case SyncReason.HeadersChanged: return PublishReason.HeadersChanged;
                case SyncReason.Orphan: return PublishReason.Orphan;
                default: return PublishReason.Unchanged;
            }
        }
    }

    /// <summary>
    /// A store's listing, started early so that it runs while files are still being found and processed (a no-op
    /// sync is mostly waiting for the listing). A store bound to the caller's thread is listed when asked.
    /// </summary>
    internal sealed class StoreListing
    {
        private readonly System.Threading.Tasks.Task<List<StoredObject>>? _early;

        private StoreListing(IMediaStore store, System.Threading.Tasks.Task<List<StoredObject>>? early)
        {
            Store = store;
            _early = early;
        }

        public IMediaStore Store { get; }

        public static StoreListing Start(IMediaStore store, System.Threading.CancellationToken cancellation) =>
            new StoreListing(store, store is ICallerThreadStore ? null
                : System.Threading.Tasks.Task.Run(() => store.List(cancellation).ToList(), cancellation));

        internal static StoreListing OnDemand(IMediaStore store) => new StoreListing(store, null);

        /// <summary>
        /// The listing by key; a failure (a key listed twice too) is terminating, since without it nothing can be
        /// compared and nothing is written.
        /// </summary>
        internal IReadOnlyDictionary<string, StoredObject> Result(IEngineHost host)
        {
            try { return SyncPlanner.ByKey(_early != null ? _early.GetAwaiter().GetResult() : Store.List(host.Cancellation)); }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is MediaSyncException))
            {
                throw new MediaSyncException(Errors.StoreListFailed(Store.Name, e));
            }
        }
    }
}
