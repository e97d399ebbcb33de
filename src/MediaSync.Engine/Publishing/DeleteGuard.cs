using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    /// <summary>
    /// The one set of guards every delete passes, for a folder and a store alike: files came in, every source was
    /// found, no write failed, and the orphans are within -MaxDelete (and, for a store, -MaxDeletePercent of what it
    /// holds). A refusal names the orphans it kept, and they are still reported, so a summary says "deleted 0 of N".
    /// </summary>
    internal static class DeleteGuard
    {
        /// <summary>
        /// Why no orphan may be deleted, or null when all may. An empty input is always refused aloud, orphans or not
        /// (a missing source never deletes anything); the other guards speak only when they keep something.
        /// </summary>
        public static MediaSyncError? Refusal(string destination, IReadOnlyList<MediaFile> files, int published, ISet<string>? deletions, int failures,
            IReadOnlyList<string> orphans, int maxDelete, int? maxDeletePercent = null, int stored = 0)
        {
            var empty = published == 0 && deletions == null;
            if (!empty && orphans.Count == 0) return null;
            var refusal = empty ? Errors.NothingToPublish(destination, "deleted")
                : ChangeSet.IncompleteInput(files, destination) is MediaSyncError incomplete ? incomplete
                : failures > 0 ? Errors.DeleteSkippedAfterFailures(failures)
                : orphans.Count > maxDelete ? Errors.DeleteLimitExceeded(orphans.Count, maxDelete, destination)
                : maxDeletePercent is int percent && orphans.Count * 100L > (long)stored * percent
                    ? Errors.DeletePercentExceeded(orphans.Count, stored, percent, destination)
                : null;
            return refusal == null || orphans.Count == 0 ? refusal : Errors.KeptOrphans(refusal, orphans);
        }
    }
}
