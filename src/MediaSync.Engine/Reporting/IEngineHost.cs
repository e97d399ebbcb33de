using System.Threading;

namespace MediaSync.Reporting
{
    /// <summary>
    /// How the engine talks to whoever drives it (a cmdlet, the CLI, a test). Every call is made on
    /// the thread that called the engine, so a PowerShell host can forward it to its cmdlet directly.
    /// </summary>
    public interface IEngineHost
    {
        /// <summary>Signals Ctrl+C / StopProcessing.</summary>
        CancellationToken Cancellation { get; }

        void WriteVerbose(string message);
        void WriteWarning(string message);

        /// <summary>A per-item failure; the run goes on.</summary>
        void WriteError(MediaSyncError error);

        void WriteProgress(ProgressReport progress);

        /// <summary>Asks before one change (-WhatIf / -Confirm). False means: do not change it.</summary>
        bool ShouldProcess(string target, string action);

        /// <summary>
        /// Asks before a destructive, high-impact change (Clean). Prompts unless the user said -Force or
        /// -Confirm:$false; under -WhatIf it reports and returns false.
        /// </summary>
        bool ShouldProcessHighImpact(string target, string action, string warning);
    }

    /// <summary>A progress snapshot; bytes are the unit of work.</summary>
    public sealed class ProgressReport
    {
        public ProgressReport(string activity, string status, long bytesDone, long bytesTotal, int itemsDone, int itemsTotal,
            string? currentItem, bool completed = false, int depth = 0)
        {
            Depth = depth;
            Activity = activity;
            Status = status;
            BytesDone = bytesDone;
            BytesTotal = bytesTotal;
            ItemsDone = itemsDone;
            ItemsTotal = itemsTotal;
            CurrentItem = currentItem;
            Completed = completed;
        }

        public string Activity { get; }
        public string Status { get; }
        public long BytesDone { get; }
        public long BytesTotal { get; }
        public int ItemsDone { get; }
        public int ItemsTotal { get; }
        public string? CurrentItem { get; }
        public bool Completed { get; }

        /// <summary>0 for a run of its own; 1 for a stage's work inside Sync-Media, shown under its parent activity.</summary>
        public int Depth { get; }

        public int PercentComplete =>
            BytesTotal > 0 ? (int)System.Math.Min(100, BytesDone * 100 / BytesTotal)
            : ItemsTotal > 0 ? System.Math.Min(100, ItemsDone * 100 / ItemsTotal) : 0;
    }
}
