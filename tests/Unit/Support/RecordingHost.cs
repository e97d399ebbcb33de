using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Tests.Support
{
    /// <summary>An engine host that records everything and answers prompts as told; checks calls stay on one thread.</summary>
    public sealed class RecordingHost : IEngineHost
    {
        private readonly int _thread = Environment.CurrentManagedThreadId;

        public CancellationTokenSource Stop { get; } = new CancellationTokenSource();
        public CancellationToken Cancellation => Stop.Token;
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<MediaSyncError> Errors { get; } = new List<MediaSyncError>();
        public List<ProgressReport> Progress { get; } = new List<ProgressReport>();
        public List<string> Asked { get; } = new List<string>();

        /// <summary>Answer for ShouldProcess; false with WhatIf set models -WhatIf.</summary>
        public bool Approve { get; set; } = true;
        public bool ApproveHighImpact { get; set; } = true;

        /// <summary>Called with the number of ShouldProcess calls so far, e.g. to press Ctrl+C at a chosen point.</summary>
        public Action<int>? OnAsk { get; set; }

        public IEnumerable<string> ErrorIds => Errors.Select(e => e.Id);

        public void WriteVerbose(string message) { OnHostThread(); Verbose.Add(message); }
        public void WriteWarning(string message) { OnHostThread(); Warnings.Add(message); }
        public void WriteError(MediaSyncError error) { OnHostThread(); Errors.Add(error); }
        public void WriteProgress(ProgressReport progress) { OnHostThread(); Progress.Add(progress); }

        public bool ShouldProcess(string target, string action)
        {
            OnHostThread();
            Asked.Add(action + ": " + target);
            OnAsk?.Invoke(Asked.Count);
            return Approve;
        }

        public bool ShouldProcessHighImpact(string target, string action, string warning)
        {
            OnHostThread();
            Asked.Add("HIGH " + action + ": " + target);
            return ApproveHighImpact && Approve;
        }

        private void OnHostThread()
        {
            if (Environment.CurrentManagedThreadId != _thread)
                throw new InvalidOperationException("The engine called its host from a worker thread; PowerShell would fail here.");
        }
    }
}
