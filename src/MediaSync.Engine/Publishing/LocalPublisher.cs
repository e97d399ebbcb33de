using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MediaSync.Discovery;
using MediaSync.Platform;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    /// <summary>
    /// Publishes media files into a local folder, by copying (with an overwrite strategy) or by linking.
    /// Plans every file first (in parallel, reading only what the strategy needs), asks the host before each
    /// change, writes in parallel, then deletes orphans under guards.
    /// </summary>
    internal static class LocalPublisher
    {
        /// <summary>
        /// Validates eagerly (throwing <see cref="MediaSyncException"/> for bad arguments), then returns the lazily
        /// produced results. Enumerate them on the thread that owns <paramref name="host"/>.
        /// </summary>
        public static IEnumerable<PublishResult> Publish(LocalPublishRequest request, IReadOnlyList<MediaFile> files, IEngineHost host)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (host == null) throw new ArgumentNullException(nameof(host));
            Validate(request, files);
            return Run(request, files, host);
        }

        private static void Validate(LocalPublishRequest request, IReadOnlyList<MediaFile> files)
        {
            var destination = request.Destination;
            if (File.Exists(destination)) throw new MediaSyncException(Errors.DestinationIsFile(destination));
            if (request.Mode == PublishMode.Link && request.Overwrite != null)
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("Overwrite")} applies to {OptionNames.Of("Mode")} Copy; Link mode keeps correct links and replaces stale ones."));
            if (request.Mode == PublishMode.Copy && request.Fallback != null)
                throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("Fallback")} applies to {OptionNames.Of("Mode")} Link."));
            PublishLimits.Require(request.DeleteLimit, request.Parallelism);
            if (request.Mode == PublishMode.Copy && request.Strategy == OverwriteStrategy.Clean)
                RequireSafeToClean(destination, files);
        }

        /// <summary>Clean deletes everything in the destination, so it refuses places whose loss was not asked for.</summary>
        internal static void RequireSafeToClean(string destination, IReadOnlyList<MediaFile> files)
        {
            var full = Path.GetFullPath(destination);
            if (files.Count == 0) throw new MediaSyncException(Errors.NothingToPublish(full, "cleaned"));
            var root = Path.GetPathRoot(full);
            if (!string.IsNullOrEmpty(root) && TreeWalker.IsSameOrInside(root!, full))
                throw new MediaSyncException(Errors.CleanRefused(full, "it is the root of a file system"));
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(home) && TreeWalker.IsSameOrInside(home, full))
                throw new MediaSyncException(Errors.CleanRefused(full, "it is your home folder, or contains it"));
            foreach (var sourceRoot in files.Select(f => f.SourceRoot).Distinct(StringComparer.Ordinal))
            {
                if (TreeWalker.IsSameOrInside(full, sourceRoot))
                    throw new MediaSyncException(Errors.CleanRefused(full, $"it is inside the source '{sourceRoot}'"));
                if (TreeWalker.IsSameOrInside(sourceRoot, full))
                    throw new MediaSyncException(Errors.CleanRefused(full, $"it contains the source '{sourceRoot}'"));
            }
        }

        private static IEnumerable<PublishResult> Run(LocalPublishRequest request, IReadOnlyList<MediaFile> files, IEngineHost host)
        {
            var clock = Stopwatch.StartNew();
            var destination = Path.GetFullPath(request.Destination);
            var cancellation = host.Cancellation;
            var caseSensitive = request.CaseSensitiveDestination ?? CaseSensitivity.Detect(destination);

            // 1. Choose one file per destination name.
            var deletions = ChangeSet.Deletions(files);
            var selection = PublishSelection.Of(files, destination, caseSensitive, key => MediaKey.ToPath(destination, key), host);
            foreach (var skipped in selection.Skipped) yield return skipped;
            var publishable = selection.Files;
            var publishedKeys = selection.Keys;

            // 2. Clean empties the destination first, after a high-impact confirmation.
            var assumeEmpty = false;
            if (request.Mode == PublishMode.Copy && request.Strategy == OverwriteStrategy.Clean && Directory.Exists(destination))
            {
                var existing = DestinationTree.List(destination, includeHidden: true, host).ToList();
                var approved = host.ShouldProcessHighImpact(destination, $"Delete all {existing.Count} files, then copy {publishable.Count} files",
                    $"Clean deletes everything in '{destination}' before copying.");
                if (!approved && !request.WhatIf)
                {
                    host.WriteWarning($"Clean of '{destination}' was declined; nothing was changed.");
                    yield break;
                }
                foreach (var result in DestinationTree.DeleteAll(destination, existing, request.WhatIf, host)) yield return result;
                assumeEmpty = true;
            }

            // 3. Plan every file; hashing (IfChanged with equal sizes) runs in parallel. A destination that does
            //    not exist yet holds nothing, so its files need no look.
            var decisions = Plan(request, publishable, destination, assumeEmpty || !Directory.Exists(destination), cancellation);

            // 4. Ask, then write in parallel; results and progress reach the host on this thread.
            var plannedBytes = 0L;
            for (var i = 0; i < decisions.Length; i++)
                if (decisions[i].Write == WriteKind.Copy) plannedBytes += publishable[i].Length;
            var progress = new ProgressTracker("Publishing to " + destination, plannedBytes, decisions.Count(d => d.Write != WriteKind.None), host);
            var folders = new FolderCache();
            var writes = new List<(MediaFile File, PublishDecision Decision, string Target)>();
            foreach (var i in Enumerable.Range(0, decisions.Length).OrderBy(i => publishable[i].PublishesLast ? 1 : 0))
            {
                var (file, decision) = (publishable[i], decisions[i]);
                var target = MediaKey.ToPath(destination, file.RelativePath);
                if (decision.Write != WriteKind.None)
                {
                    writes.Add((file, decision, target));
                    continue;
                }
                var result = new PublishResult(decision.Action, decision.Reason, file.RelativePath, target, 0, file.FullName, error: decision.Error);
                if (result.Error != null) progress.Failed(result.Error);
                yield return result;
            }
            var waves = new WriteWaves<(MediaFile File, PublishDecision Decision, string Target)>(w => w.File,
                w => new PublishResult(w.Decision.Action, w.Decision.Reason, w.File.RelativePath, w.Target, w.Decision.Write == WriteKind.Copy ? w.File.Length : 0, w.File.FullName),
                w => new PublishResult(PublishAction.Skipped, PublishReason.Declined, w.File.RelativePath, w.Target, 0, w.File.FullName),
                (w, planned, token) => Execute(request, w.File, w.Decision, planned, progress, folders, token))
            {
                WhatIf = request.WhatIf,
                ThrottleLimit = request.Parallelism,
            };
            foreach (var result in waves.Run(writes, progress, host)) yield return result;
            progress.Complete();

            // 5. Orphans, only after every write, and only under the guards.
            if (request.Delete)
                foreach (var result in DeleteOrphans(request, destination, files, publishedKeys, publishable.Count, deletions, progress.Failures, host)) yield return result;
            else ChangeSet.WarnKept(deletions, $"'{destination}'", host);

            host.WriteVerbose($"Published {publishable.Count} files to '{destination}' in {clock.Elapsed.TotalSeconds:0.00} s.");
        }

        private static PublishDecision[] Plan(LocalPublishRequest request, List<MediaFile> files, string destination, bool assumeEmpty, CancellationToken cancellation)
        {
            var decisions = new PublishDecision[files.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = cancellation };
            Parallel.For(0, files.Count, options, i => decisions[i] = Decide(request, files[i], destination, assumeEmpty));
            return decisions;
        }

        private static PublishDecision Decide(LocalPublishRequest request, MediaFile file, string destination, bool assumeEmpty)
        {
            var target = MediaKey.ToPath(destination, file.RelativePath);
            try
            {
                var state = assumeEmpty ? DestinationState.Missing : DestinationState.Read(target);
                if (request.Mode == PublishMode.Link)
                {
                    if (file.Content.FilePath != null) return PublishRules.ForLink(file.RelativePath, target, file.Content.FilePath, state);
                    if (request.Fallback != LinkFallback.Copy) return PublishDecision.Fail(Errors.LinkNeedsFile(file.RelativePath));
                }
                return PublishRules.ForCopy(request.Mode == PublishMode.Link ? OverwriteStrategy.IfChanged : request.Strategy,
                    // processed content keeps its source's write time, so size and time cannot vouch for it: compare content
                    file.RelativePath, target, file.Length, file.LastWriteTimeUtc, state, request.Checksum || file.Processors.Count > 0,
                    () => ReadSourceHash(file), () => ContentHash.Md5Hex(target));
            }
            catch (SourceReadException e)
            {
                return PublishDecision.Fail(Errors.SourceUnreadable(file.RelativePath, file.FullName, e.InnerException!));
            }
            catch (Exception e) when (Errors.IsIoFailure(e))
            {
                return PublishDecision.Fail(Errors.WriteFailed(file.RelativePath, target, e));
            }
        }

        private static string ReadSourceHash(MediaFile file)
        {
            try { return file.Hash; }
            catch (Exception e) when (Errors.IsIoFailure(e)) { throw new SourceReadException(e); }
        }

        private static PublishResult Execute(LocalPublishRequest request, MediaFile file, PublishDecision decision, PublishResult planned,
            ProgressTracker progress, FolderCache folders, CancellationToken cancellation)
        {
            var target = planned.Destination;
            try
            {
                folders.Ensure(Path.GetDirectoryName(target)!);
                if (decision.Write == WriteKind.Link)
                {
                    var linked = LinkWriter.TryLink(file.Content.FilePath!, target, out var linkError);
                    if (linked) return planned;
                    if (request.Fallback != LinkFallback.Copy) return Failed(file, target, Errors.LinkFailed(file.RelativePath, target, linkError!));
                    AtomicFile.Write(file.Content, target, file.LastWriteTimeUtc, progress.AddBytes, cancellation);
                    return new PublishResult(PublishAction.Created, planned.Reason, file.RelativePath, target, file.Length, file.FullName);
                }
                AtomicFile.Write(file.Content, target, file.LastWriteTimeUtc, progress.AddBytes, cancellation);
                return planned;
            }
            catch (OperationCanceledException) { throw; }
            catch (SourceReadException e)
            {
                return Failed(file, target, Errors.SourceUnreadable(file.RelativePath, file.FullName, e.InnerException!));
            }
            catch (Exception e)
            {
                return Failed(file, target, Errors.WriteFailed(file.RelativePath, target, e));
            }
        }

        private static PublishResult Failed(MediaFile file, string target, MediaSyncError error) =>
            new PublishResult(PublishAction.Failed, PublishReason.Error, file.RelativePath, target, 0, file.FullName, error: error);

        /// <summary>Deletes what is in the destination but not published, or only <paramref name="deletions"/> when the input was partial.</summary>
        private static IEnumerable<PublishResult> DeleteOrphans(LocalPublishRequest request, string destination, IReadOnlyList<MediaFile> files,
            HashSet<string> publishedKeys, int published, ISet<string>? deletions, int failures, IEngineHost host)
        {
            // Hidden and '_' names in the destination are never orphans: MediaSync does not publish them by default.
            var orphans = !Directory.Exists(destination) ? new List<TreeEntry>()
                : (deletions == null ? DestinationTree.List(destination, includeHidden: false, host) : DestinationTree.Find(destination, deletions))
                    .Where(entry => !publishedKeys.Contains(entry.Key))
                    .ToList();
            var refusal = DeleteGuard.Refusal(destination, files, published, deletions, failures, orphans.Select(o => o.Key).ToList(), request.DeleteLimit);
            if (refusal != null)
            {
                host.WriteError(refusal);
                foreach (var orphan in orphans)
                    yield return new PublishResult(PublishAction.Skipped, PublishReason.Orphan, orphan.Key, MediaKey.ToPath(destination, orphan.Key), 0);
                yield break;
            }
            foreach (var result in DestinationTree.Delete(destination, orphans, PublishReason.Orphan, request.WhatIf, host)) yield return result;
        }
    }
}
