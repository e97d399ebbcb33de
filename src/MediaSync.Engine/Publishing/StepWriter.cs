using System;
using System.Threading;
using MediaSync.Platform;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>Makes one planned write through the store (or its dry run): a put, a link, or a header fix in place.</summary>
    internal sealed class StepWriter
    {
        private readonly IMediaStore _store;
        private readonly IMediaStore _target;
        private readonly DiffRules _rules;
        private readonly ProgressTracker _progress;

        /// <summary><paramref name="target"/> is <paramref name="store"/>, or its dry run; what the store can do is asked of the real one.</summary>
        public StepWriter(IMediaStore store, IMediaStore target, DiffRules rules, ProgressTracker progress)
        {
            _store = store;
            _target = target;
            _rules = rules;
            _progress = progress;
        }

        public PublishResult Execute(PlanStep step, PublishResult planned, CancellationToken cancellation)
        {
            var file = step.File!;
            try
            {
                if (step.Kind == StepKind.UpdateHeaders && _store is IHeaderUpdatingStore)
                {
                    ((IHeaderUpdatingStore)_target).UpdateHeaders(step.Key, step.Headers, cancellation);
                    return planned;
                }
                if (step.Kind == StepKind.Link && LeadsOutsideRoot(file) is MediaSyncError outside)
                {
                    // the link would expose whatever the outside path holds later: only a copy of it now is published
                    if (!_rules.LinkFallbackCopy) return Failed(step, planned, outside);
                    Put(step, cancellation);
                    return new PublishResult(PublishAction.Created, planned.Reason, step.Key, planned.Destination, file.Length, file.FullName);
                }
                if (step.Kind == StepKind.Link)
                {
                    if (((ILinkingStore)_target).TryLink(step.Key, file.Content.FilePath!, out var failure)) return planned;
                    if (!_rules.LinkFallbackCopy) return Failed(step, planned, Errors.LinkFailed(step.Key, planned.Destination, failure!));
                    Put(step, cancellation);
                    return new PublishResult(PublishAction.Created, planned.Reason, step.Key, planned.Destination, file.Length, file.FullName);
                }
                Put(step, cancellation);
                return planned;
            }
            // Only Ctrl+C stops the run: a request that timed out is this file's failure.
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested) { throw; }
            catch (SourceReadException e)
            {
                return Failed(step, planned, Errors.SourceUnreadable(step.Key, file.FullName, e.InnerException!));
            }
            catch (Exception e) when (Errors.SourceChangeIn(e) is Exception changed)
            {
                return Failed(step, planned, Errors.SourceChanged(step.Key, file.FullName, changed));
            }
            catch (Exception e)
            {
                // A source that vanished or turned unreadable since it was found is the file's fault, not the store's.
                var error = file.Content.FilePath is string path && Errors.IsIoFailure(e) && !AtomicFile.CanRead(path) ? Errors.SourceUnreadable(step.Key, file.FullName, e)
                    : _rules.FolderWords ? Errors.WriteFailed(step.Key, planned.Destination, e)
                    : Errors.StoreWriteFailed(step.Key, _store.Name, e);
                return Failed(step, planned, error);
            }
        }

        /// <summary>
        /// Link mode never makes a link whose chain ends outside the file's root, even for a file -FollowLinks found
        /// through one; checked as the link is made, so a source link retargeted since discovery is caught too.
        /// </summary>
        private static MediaSyncError? LeadsOutsideRoot(MediaFile file)
        {
            var path = file.Content.FilePath!;
            var root = FileLinks.RealPath(file.SourceRoot) ?? file.SourceRoot;
            return FileLinks.StaysInside(path, root) ? null : Errors.LinkOutsideRoot(file.RelativePath, path, FileLinks.RealPath(path) ?? path, root);
        }

        private void Put(PlanStep step, CancellationToken cancellation)
        {
            var file = step.File!;
            // A folder never asks for the MD5, so a copy reads each file once; any other store gets it hashed here, on
            // the worker, where a source that vanished is caught as the file's own error.
            var md5 = _store is IFileStore ? new Lazy<string>(() => file.Hash) : Hashed(file.Hash);
            _target.Put(new StorePut(step.Key, file.Content, md5, step.Headers, SourceStamp.Of(file), file.LastWriteTimeUtc), cancellation);
            _progress.AddBytes(file.Length);
        }

        private static Lazy<string> Hashed(string md5) => new Lazy<string>(() => md5);

        private static PublishResult Failed(PlanStep step, PublishResult planned, MediaSyncError error) =>
            new PublishResult(PublishAction.Failed, PublishReason.Error, step.Key, planned.Destination, 0, step.File?.FullName, error: error);
    }
}
