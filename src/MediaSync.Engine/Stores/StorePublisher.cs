using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>What <c>Publish-Media -Store</c> asks for.</summary>
    public sealed class StorePublishRequest
    {
        public HeaderPolicy Headers { get; set; } = new HeaderPolicy();
        public bool Delete { get; set; }
        public int MaxDelete { get; set; } = 256;
        public int MaxDeletePercent { get; set; } = 50;
        public int ThrottleLimit { get; set; } = 16;
        public bool WhatIf { get; set; }
        /// <summary>Compare MD5s even where a remembered source stamp says a file is unchanged.</summary>
        public bool Checksum { get; set; }
        /// <summary>The clock for Expires; tests fix it.</summary>
        public DateTime? NowUtc { get; set; }
    }

    /// <summary>
    /// Syncs media files to a store: one listing, a plan with reasons, uploads in parallel (assets first, then pages,
    /// so a page never refers to a file that is not there), header fixes without re-uploading where the store can,
    /// and deletes last, only under every guard.
    /// </summary>
    public static class StorePublisher
    {
        /// <summary>
        /// Validates eagerly, then returns the lazily produced results. <paramref name="listing"/> is the store's
        /// listing if it was started early (<see cref="StoreListing.Start"/>); otherwise the store is listed here.
        /// </summary>
        public static IEnumerable<PublishResult> Publish(StorePublishRequest request, IReadOnlyList<MediaFile> files, IMediaStore store, IEngineHost host,
            StoreListing? listing = null)
        {
            if (listing != null && !ReferenceEquals(listing.Store, store)) throw new ArgumentException("The listing is of another store.", nameof(listing));
            if (request.MaxDelete < 0) throw new MediaSyncException(Errors.ConflictingArguments("-MaxDelete cannot be negative."));
            if (request.MaxDeletePercent < 0 || request.MaxDeletePercent > 100) throw new MediaSyncException(Errors.ConflictingArguments("-MaxDeletePercent is a percentage, 0 to 100."));
            if (request.ThrottleLimit < 1) throw new MediaSyncException(Errors.ConflictingArguments("-ThrottleLimit must be at least 1."));
            KeptHeaders.Require(request.Headers, store);
            if (request.Delete && !store.CanDelete)
                throw new MediaSyncException(Errors.ConflictingArguments($"{store.Name} cannot delete (it was made without -Delete), so -Delete cannot be used with it."));
            return Run(request, files, store, host, listing ?? StoreListing.OnDemand(store));
        }

        private static IEnumerable<PublishResult> Run(StorePublishRequest request, IReadOnlyList<MediaFile> files, IMediaStore store, IEngineHost host,
            StoreListing listing)
        {
            var now = request.NowUtc ?? DateTime.UtcNow;
            var local = new List<LocalObject>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var deletions = ChangeSet.Deletions(files);
            foreach (var file in files.Where(f => !f.IsOverridden && !f.Deleted))
            {
                if (!keys.Add(file.RelativePath))
                {
                    host.WriteWarning($"'{file.RelativePath}' came in twice; the first is published.");
                    continue;
                }
                local.Add(new LocalObject(file, request.Headers.For(file, now)));
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var remote = listing.Result(host);
            host.WriteVerbose($"Listed {remote.Count} objects in {store.Name} in {clock.Elapsed.TotalSeconds:0.000} s.");
            // Read and hash, in parallel, only the files whose content has to be compared or uploaded.
            var toHash = local.Select(l => l.File).Where(f => !remote.TryGetValue(f.RelativePath, out var r) || SyncPlanner.NeedsHash(f, r, request.Checksum)
                || r.Size != f.Length).ToList();
            System.Threading.Tasks.Parallel.ForEach(toHash, new System.Threading.Tasks.ParallelOptions
            {
                MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = host.Cancellation,
            }, file => { try { _ = file.Hash; } catch (Exception e) when (Errors.IsIoFailure(e)) { } });
            var plan = SyncPlanner.Plan(local, remote, store.KeepsHeaders, request.Delete, request.Checksum, deletions);
            host.WriteVerbose($"Hashed {toHash.Count} files and planned {plan.Count} steps by {clock.Elapsed.TotalSeconds:0.000} s.");
            if (!request.Delete) ChangeSet.WarnKept(deletions, store.Name, host);

            var writes = plan.Where(s => s.Action == SyncAction.Upload || s.Action == SyncAction.UpdateHeaders).ToList();
            var progress = new ProgressTracker("Publishing to " + store.Name, writes.Where(s => s.Action == SyncAction.Upload).Sum(s => s.File!.Length), writes.Count, host);
            foreach (var step in plan.Where(s => s.Action == SyncAction.Skip))
            {
                // Found unchanged the slow way (no remembered digest or stamp): remember it, so the next run is free.
                if (!request.WhatIf && store is IStatefulStore remembers && step.Remote != null)
                {
                    var stamp = SourceStamp.Of(step.File!);
                    if (step.Remote.HeadersDigest == null || step.Remote.SourceStamp != stamp)
                        remembers.Confirm(step.Key, step.Headers, stamp, step.File!.HasHash ? step.File.Hash : null);
                }
                yield return Result(store, step, PublishAction.Skipped, 0);
            }

            // Assets first, then pages and manifests: the second wave starts only when the first has finished.
            foreach (var wave in new[] { writes.Where(s => !s.File!.PublishesLast).ToList(), writes.Where(s => s.File!.PublishesLast).ToList() })
            {
                // A store bound to this thread (a scriptblock) writes here, one at a time, and needs no workers.
                var pool = store is ICallerThreadStore ? null : new WorkerPool<PublishResult>(request.ThrottleLimit, host.Cancellation);
                using (pool)
                {
                    foreach (var step in wave)
                    {
                        host.Cancellation.ThrowIfCancellationRequested();
                        var planned = Result(store, step, step.Reason == SyncReason.New ? PublishAction.Created : PublishAction.Updated,
                            step.Action == SyncAction.Upload ? step.File!.Length : 0);
                        if (!host.ShouldProcess(planned.Destination, $"{planned.Action} ({planned.Reason})"))
                        {
                            yield return request.WhatIf ? planned.AsWhatIf() : Result(store, step, PublishAction.Skipped, 0, PublishReason.Declined);
                            continue;
                        }
                        if (pool == null) yield return progress.Finished(Execute(store, step, planned, progress, host.Cancellation));
                        else pool.Post(token => Execute(store, step, planned, progress, token));
                    }
                    if (pool != null)
                        foreach (var done in pool.Drain(() => progress.Report(force: false))) yield return progress.Finished(done);
                }
            }
            progress.Complete();
            if (!request.WhatIf && store is IStatefulStore stateful) stateful.SaveState(host.Cancellation);

            if (!request.Delete) yield break;
            var orphans = plan.Where(s => s.Action == SyncAction.Delete).ToList();
            if (orphans.Count == 0) yield break;
            var refusal = local.Count == 0 && deletions == null ? Errors.NothingToPublish(store.Name, "deleted")
                : ChangeSet.IncompleteInput(files, store.Name) is MediaSyncError incomplete ? incomplete
                : progress.Failures > 0 ? Errors.DeleteSkippedAfterFailures(progress.Failures)
                : orphans.Count > request.MaxDelete ? Errors.DeleteLimitExceeded(orphans.Count, request.MaxDelete, store.Name)
                : orphans.Count * 100L > (long)remote.Count * request.MaxDeletePercent ? Errors.DeletePercentExceeded(orphans.Count, remote.Count, request.MaxDeletePercent, store.Name)
                : null;
            if (refusal != null)
            {
                host.WriteError(refusal);
                // Each kept orphan is still reported, so the summary can say "deleted 0 of N".
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
            try { store.Delete(approved.Select(o => o.Key).ToList(), host.Cancellation); }
            catch (Exception e) when (!(e is OperationCanceledException)) { deleteError = Errors.StoreDeleteFailed(store.Name, e); }
            if (deleteError != null) host.WriteError(deleteError);
            if (!request.WhatIf && store is IStatefulStore remembering) remembering.SaveState(host.Cancellation);
            foreach (var orphan in approved)
                yield return deleteError == null ? Result(store, orphan, PublishAction.Deleted, 0)
                    : new PublishResult(PublishAction.Failed, PublishReason.Error, orphan.Key, Destination(store, orphan.Key), 0, error: deleteError);
        }

        private static PublishResult Execute(IMediaStore store, SyncStep step, PublishResult planned, ProgressTracker progress, System.Threading.CancellationToken cancellation)
        {
            try
            {
                if (step.Action == SyncAction.UpdateHeaders && store is IHeaderUpdatingStore updating)
                    updating.UpdateHeaders(step.Key, step.Headers, cancellation);
                else
                {
                    store.Put(new StorePut(step.Key, step.File!.Content, step.File.Hash, step.Headers, SourceStamp.Of(step.File)), cancellation);
                    progress.AddBytes(step.File.Length);
                }
                return planned;
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception e)
            {
                return new PublishResult(PublishAction.Failed, PublishReason.Error, step.Key, planned.Destination, 0, step.File?.FullName,
                    error: Errors.StoreWriteFailed(step.Key, store.Name, e));
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
    public sealed class StoreListing
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
