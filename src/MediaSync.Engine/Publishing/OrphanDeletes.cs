using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// The last step of every publish: the orphans the diff found, deleted only when <see cref="DeleteGuard"/> allows
    /// and the host approves each; a refusal names and reports every orphan it kept.
    /// </summary>
    internal sealed class OrphanDeletes
    {
        private readonly PublishSettings _settings;
        private readonly IMediaStore _store;
        private readonly IMediaStore _target;
        private readonly Func<string, string> _destinationOf;
        private readonly IEngineHost _host;

        public OrphanDeletes(PublishSettings settings, IMediaStore store, IMediaStore target, Func<string, string> destinationOf, IEngineHost host)
        {
            _settings = settings;
            _store = store;
            _target = target;
            _destinationOf = destinationOf;
            _host = host;
        }

        public IEnumerable<PublishResult> Run(IReadOnlyList<PlanStep> orphans, IReadOnlyList<MediaFile> files, int published, ISet<string>? deletions,
            int failures, int stored)
        {
            var underSkippedLinks = UnderSkippedLinks(orphans, files);
            if (underSkippedLinks.Count > 0)
            {
                _host.WriteWarning(Errors.OrphansKeptUnderSkippedLinks(underSkippedLinks.Select(o => o.Key).ToList(), _store.Name));
                foreach (var kept in underSkippedLinks) yield return Publisher.Result(_store, kept, PublishAction.Skipped, 0);
                orphans = orphans.Except(underSkippedLinks).ToList();
            }
            var refusal = DeleteGuard.Refusal(_store.Name, files, published, deletions, failures, orphans.Select(o => o.Key).ToList(),
                _settings.DeleteLimit, _settings.DeletePercentLimit, stored);
            if (refusal != null)
            {
                _host.WriteError(refusal);
                foreach (var orphan in orphans) yield return Publisher.Result(_store, orphan, PublishAction.Skipped, 0);
                yield break;
            }
            var approved = new List<PlanStep>();
            foreach (var orphan in orphans)
            {
                _host.Cancellation.ThrowIfCancellationRequested();
                var planned = Publisher.Result(_store, orphan, PublishAction.Deleted, 0);
                if (_host.ShouldProcess(planned.Destination, "Delete (Orphan)")) approved.Add(orphan);
                else yield return _settings.WhatIf ? planned.AsWhatIf() : Publisher.Result(_store, orphan, PublishAction.Skipped, 0, PublishReason.Declined);
            }
            foreach (var result in Delete(approved, PublishReason.Orphan)) yield return result;
            if (_target is IStatefulStore remembering && approved.Count > 0) remembering.SaveState(_host.Cancellation);
        }

        /// <summary>
        /// The orphans at or under the key of a link discovery skipped as leading outside its root: the link is still
        /// there, only not followed, so what an earlier publish (which followed it) put in the destination is kept.
        /// </summary>
        private static List<PlanStep> UnderSkippedLinks(IReadOnlyList<PlanStep> orphans, IReadOnlyList<MediaFile> files)
        {
            // every file of one discovery shares one list
            var skipped = files.Select(f => f.SkippedLinks).Where(l => l.Count > 0).Distinct().SelectMany(l => l).Distinct(StringComparer.Ordinal).ToList();
            if (skipped.Count == 0) return new List<PlanStep>();
            return orphans.Where(o => skipped.Any(link => o.Key == link || o.Key.StartsWith(link + "/", StringComparison.Ordinal))).ToList();
        }

        /// <summary>Deletes approved keys in one call to the store; a key that failed is reported by name, and the rest are still deleted.</summary>
        internal IEnumerable<PublishResult> Delete(IReadOnlyList<PlanStep> approved, PublishReason reason)
        {
            if (approved.Count == 0) yield break;
            IReadOnlyDictionary<string, MediaSyncError> failed = new Dictionary<string, MediaSyncError>();
            MediaSyncError? allFailed = null;
            try { _target.Delete(approved.Select(o => o.Key).ToList(), _host.Cancellation); }
            catch (StoreDeleteException e) { failed = e.Failures.ToDictionary(f => f.Key, f => Errors.DeleteFailed(_destinationOf(f.Key), f.Value), StringComparer.Ordinal); }
            catch (Exception e) when (!(e is OperationCanceledException)) { allFailed = Errors.StoreDeleteFailed(_store.Name, e); }
            if (allFailed != null) _host.WriteError(allFailed);
            foreach (var step in approved)
            {
                var error = allFailed ?? (failed.TryGetValue(step.Key, out var one) ? one : null);
                if (error != null && allFailed == null) _host.WriteError(error);
                var deleted = Publisher.Result(_store, step, PublishAction.Deleted, 0, reason);
                yield return error != null ? new PublishResult(PublishAction.Failed, PublishReason.Error, step.Key, deleted.Destination, 0, error: error)
                    : _settings.WhatIf ? deleted.AsWhatIf() : deleted;
            }
        }
    }

    /// <summary>
    /// -Overwrite Clean: after one high-impact confirmation, deletes everything in the destination (hidden names too)
    /// and the folders left empty, so every file is then written as new.
    /// </summary>
    internal sealed class CleanStep
    {
        private readonly ICleanableStore _store;
        private readonly IMediaStore _target;
        private readonly Func<string, string> _destinationOf;
        private readonly IEngineHost _host;

        public CleanStep(ICleanableStore store, IMediaStore target, Func<string, string> destinationOf, IEngineHost host)
        {
            _store = store;
            _target = target;
            _destinationOf = destinationOf;
            _host = host;
        }

        /// <summary>The host declined: nothing was changed, and nothing may be.</summary>
        public bool Declined { get; private set; }

        public IEnumerable<PublishResult> Run(int publishing, bool whatIf)
        {
            var existing = _store.ListEverything(_host.Cancellation);
            var approved = _host.ShouldProcessHighImpact(_store.Name, $"Delete all {existing.Count} files, then copy {publishing} files",
                $"Clean deletes everything in '{_store.Name}' before copying.");
            if (!approved && !whatIf)
            {
                _host.WriteWarning($"Clean of '{_store.Name}' was declined; nothing was changed.");
                Declined = true;
                yield break;
            }
            var settings = new PublishSettings { WhatIf = whatIf };
            var deletes = new OrphanDeletes(settings, _store, _target, _destinationOf, _host);
            var steps = existing.Select(e => new PlanStep(StepKind.Delete, PublishAction.Deleted, PublishReason.Clean, e.Key, null, e)).ToList();
            foreach (var result in deletes.Delete(steps, PublishReason.Clean)) yield return result;
            if (!whatIf) _store.RemoveEmptyFolders();
        }
    }
}
