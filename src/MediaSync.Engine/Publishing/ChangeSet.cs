using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    /// <summary>
    /// What both publishers need to know of a changed-since input (Get-MediaFile -ChangedSince): it is partial, so
    /// only its deletions may be removed from a destination, never everything it lacks.
    /// </summary>
    internal static class ChangeSet
    {
        /// <summary>The keys deleted since the revision, or null when the input is whole (no file carries an Action).</summary>
        public static HashSet<string>? Deletions(IReadOnlyList<MediaFile> files) =>
            files.Any(f => f.Action != null)
                ? new HashSet<string>(files.Where(f => f.Deleted).Select(f => f.RelativePath), StringComparer.Ordinal)
                : null;

        /// <summary>
        /// The refusal of -Delete for input that was found without some of its sources (a missing root or app), or
        /// null when the input is whole: what the missing sources held would otherwise be deleted as orphans.
        /// </summary>
        public static MediaSyncError? IncompleteInput(IReadOnlyList<MediaFile> files, string destination)
        {
            var missing = files.SelectMany(f => f.MissingSources).Distinct(StringComparer.Ordinal).ToList();
            return missing.Count == 0 ? null : Errors.DeleteRefusedIncompleteInput(missing, destination);
        }

        /// <summary>Without -Delete, deletions are kept; the user hears how many, and how to remove them.</summary>
        public static void WarnKept(ICollection<string>? deletions, string destination, IEngineHost host)
        {
            if (deletions?.Count > 0)
                host.WriteWarning($"{deletions.Count} files were deleted since the revision; {OptionNames.Of("Delete")} removes them from {destination}.");
        }
    }
}
