using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    public enum PublishMode { Copy, Link }

    /// <summary>When Copy mode replaces an existing destination file.</summary>
    public enum OverwriteStrategy
    {
        /// <summary>Size differs, or content differs (equal size and time count as unchanged without reading).</summary>
        IfChanged,
        /// <summary>Always write.</summary>
        All,
        /// <summary>Never replace an existing file.</summary>
        NewOnly,
        /// <summary>Replace when the source was written later than the destination.</summary>
        IfNewer,
        /// <summary>Delete everything in the destination, then copy.</summary>
        Clean,
    }

    /// <summary>What Link mode does where no link can be made.</summary>
    public enum LinkFallback { None, Copy }

    public enum PublishAction { Created, Updated, Linked, Skipped, Deleted, Failed }

    public enum PublishReason
    {
        New,
        SizeChanged,
        HashChanged,
        SourceNewer,
        Overwrite,
        Unchanged,
        Exists,
        NotNewer,
        AlreadyLinked,
        StaleLink,
        Orphan,
        Clean,
        ContentChanged,
        /// <summary>Same size, but the store gave no MD5 to compare with: uploaded again, changed or not.</summary>
        NotComparable,
        HeadersChanged,
        CaseConflict,
        DuplicateKey,
        Declined,
        Error,
    }

    /// <summary>What happened (or, under -WhatIf, would happen) to one destination file.</summary>
    public sealed class PublishResult
    {
        public PublishResult(PublishAction action, PublishReason reason, string relativePath, string destination, long bytes,
            string? sourcePath = null, bool whatIf = false, MediaSyncError? error = null)
        {
            Action = action;
            Reason = reason;
            RelativePath = relativePath;
            _destination = destination;
            Bytes = bytes;
            SourcePath = sourcePath;
            WhatIf = whatIf;
            Error = error;
        }

        /// <summary>A result whose destination is worked out when first read: a store's URL for each of thousands of skipped files adds up.</summary>
        internal PublishResult(PublishAction action, PublishReason reason, string relativePath, Func<string> destination, long bytes,
            string? sourcePath = null, MediaSyncError? error = null)
            : this(action, reason, relativePath, (string?)null!, bytes, sourcePath, error: error) => _destinationOnDemand = destination;

        private readonly Func<string>? _destinationOnDemand;
        private string? _destination;

        public PublishAction Action { get; }
        public PublishReason Reason { get; }
        public string RelativePath { get; }
        /// <summary>The destination file (or object URL) this result is about.</summary>
        public string Destination => _destination ??= _destinationOnDemand!();
        /// <summary>Bytes written (or that would be written); 0 for skips and links.</summary>
        public long Bytes { get; }
        public string? SourcePath { get; }
        /// <summary>True when this is a planned action from -WhatIf that was not carried out.</summary>
        public bool WhatIf { get; }
        public MediaSyncError? Error { get; }

        internal PublishResult AsWhatIf() => new PublishResult(Action, Reason, RelativePath, Destination, Bytes, SourcePath, whatIf: true);

        public override string ToString() => $"{Action} {RelativePath} ({Reason})";
    }

    /// <summary>One line for a whole run: counts by action, bytes and time (<c>-Summary</c>).</summary>
    public sealed class PublishSummary
    {
        private readonly Dictionary<PublishAction, int> _counts = Enum.GetValues(typeof(PublishAction)).Cast<PublishAction>().ToDictionary(a => a, _ => 0);

        /// <summary>A summary of publishing to <paramref name="destination"/>: a store ("uploaded") when <paramref name="toStore"/>, else a folder ("wrote").</summary>
        public PublishSummary(string destination, bool toStore = false)
        {
            Destination = destination;
            ToStore = toStore;
        }

        public string Destination { get; }
        public bool ToStore { get; }
        public int Created => _counts[PublishAction.Created];
        public int Updated => _counts[PublishAction.Updated];
        public int Linked => _counts[PublishAction.Linked];
        /// <summary>Files left as they were (orphans a delete guard kept are counted in <see cref="Orphans"/> instead).</summary>
        public int Skipped => _counts[PublishAction.Skipped] - _orphansKept;
        public int Deleted => _counts[PublishAction.Deleted];
        public int Failed => _counts[PublishAction.Failed];
        /// <summary>Objects in the destination that are not in the source: deleted, or kept by a guard.</summary>
        public int Orphans => Deleted + _orphansKept;
        public int Files { get; private set; }
        public long Bytes { get; private set; }
        public TimeSpan Elapsed { get; set; }
        public bool WhatIf { get; private set; }
        private int _orphansKept;

        /// <summary>
        /// Runs a publish to its end, adding every result, and times it; <paramref name="each"/> sees each result as it
        /// comes (a cmdlet writes it, a command line prints it).
        /// </summary>
        public static PublishSummary Collect(string destination, bool toStore, IEnumerable<PublishResult> results, Action<PublishResult>? each = null)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var summary = new PublishSummary(destination, toStore);
            foreach (var result in results)
            {
                summary.Add(result);
                each?.Invoke(result);
            }
            summary.Elapsed = clock.Elapsed;
            return summary;
        }

        public void Add(PublishResult result)
        {
            _counts[result.Action]++;
            var keptOrphan = result.Action == PublishAction.Skipped && result.Reason == PublishReason.Orphan;
            if (keptOrphan) _orphansKept++;
            else if (result.Action != PublishAction.Deleted) Files++;
            Bytes += result.Bytes;
            WhatIf |= result.WhatIf;
        }

        /// <summary>
        /// s3deploy's wording, "Deleted 1 of 1, uploaded 3, skipped 1 (80% changed)", then failures, bytes and time.
        /// "Changed" counts writes and deletes against everything considered.
        /// </summary>
        public override string ToString() => Summary;

        /// <summary>The one-line summary the default view shows; <see cref="ToString"/> returns it too.</summary>
        public string Summary
        {
            get
            {
                var written = Created + Updated + Linked;
                var considered = written + Skipped + Deleted + Failed;
                var changed = considered == 0 ? 0 : (int)Math.Round(100.0 * (written + Deleted) / considered);
                var wrote = ToStore ? (WhatIf ? "would upload" : "uploaded") : (WhatIf ? "would write" : "wrote");
                return $"{(WhatIf ? "Would delete" : "Deleted")} {Deleted} of {Orphans}, {wrote} {written}"
                    + (Linked > 0 ? $" ({Linked} linked)" : "")
                    + $", skipped {Skipped} ({changed}% changed)"
                    + (Failed > 0 ? $", failed {Failed}" : "")
                    + $"; {FormatBytes(Bytes)} in {Elapsed.TotalSeconds:0.00} s";
            }
        }

        internal static string FormatBytes(long bytes) =>
            bytes >= 1 << 30 ? $"{bytes / (double)(1 << 30):0.0} GiB"
            : bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.0} MiB"
            : bytes >= 1 << 10 ? $"{bytes / 1024.0:0.0} KiB"
            : $"{bytes} B";
    }
}
