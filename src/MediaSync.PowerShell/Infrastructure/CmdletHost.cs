using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>The engine's view of a running cmdlet. Every call arrives on the pipeline thread.</summary>
    internal sealed class CmdletHost : IEngineHost
    {
        private readonly MediaSyncCmdlet _cmdlet;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly int _activityId;

        public CmdletHost(MediaSyncCmdlet cmdlet, CancellationToken cancellation, int activityId)
        {
            _cmdlet = cmdlet;
            Cancellation = cancellation;
            _activityId = activityId;
        }

        public CancellationToken Cancellation { get; }

        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);
        public void WriteWarning(string message) => _cmdlet.WriteWarning(message);
        public void WriteError(MediaSyncError error) => _cmdlet.WriteError(ErrorRecords.From(error));

        public void WriteProgress(ProgressReport progress)
        {
            var record = new ProgressRecord(_activityId + progress.Depth, progress.Activity, progress.Status)
            {
                ParentActivityId = progress.Depth > 0 ? _activityId + progress.Depth - 1 : -1,
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (progress.CurrentItem != null) record.CurrentOperation = progress.CurrentItem;
            if (!progress.Completed && progress.BytesDone > 0 && progress.BytesTotal > progress.BytesDone)
            {
                var rate = progress.BytesDone / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
                record.SecondsRemaining = (int)Math.Min(int.MaxValue, (progress.BytesTotal - progress.BytesDone) / rate);
            }
            _cmdlet.WriteProgress(record);
        }

        public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);

        public bool ShouldProcessHighImpact(string target, string action, string warning)
        {
            // -WhatIf reports and declines here; an explicit -Confirm prompts here.
            if (!_cmdlet.ShouldProcess(target, action)) return false;
            if (_cmdlet.ForceRequested || _cmdlet.ConfirmExplicitlySet) return true;
            return _cmdlet.ShouldContinue($"{warning} Continue?", $"{action} in '{target}'");
        }
    }
}
