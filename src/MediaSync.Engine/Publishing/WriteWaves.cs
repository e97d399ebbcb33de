using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    /// <summary>
    /// The one write loop of every publish, to a folder or a store: assets first, then pages and manifests
    /// (<see cref="MediaFile.PublishesLast"/>) once every asset is written; the host is asked before each write, on its
    /// own thread; a declined write is recorded, a dry run's is planned and not made; writes run on the worker pool, or
    /// on the caller's thread for a store bound to it, and come back through the progress tracker.
    /// </summary>
    internal sealed class WriteWaves<TWrite>
    {
        public WriteWaves(Func<TWrite, MediaFile> file, Func<TWrite, PublishResult> planned, Func<TWrite, PublishResult> declined,
            Func<TWrite, PublishResult, CancellationToken, PublishResult> execute)
        {
            _file = file;
            _planned = planned;
            _declined = declined;
            _execute = execute;
        }

        private readonly Func<TWrite, MediaFile> _file;
        private readonly Func<TWrite, PublishResult> _planned;
        private readonly Func<TWrite, PublishResult> _declined;
        private readonly Func<TWrite, PublishResult, CancellationToken, PublishResult> _execute;

        /// <summary>A dry run: every write is asked about and returned as planned (WhatIf), and none is made.</summary>
        public bool WhatIf { get; set; }

        /// <summary>
        /// Whether a dry run still calls the write, because the writer is a <c>DryRunStore</c> that records instead
        /// of writing: a store's dry run walks the same path as a real one.
        /// </summary>
        public bool WhatIfWritesToDryRun { get; set; }

        public int ThrottleLimit { get; set; } = 1;

        /// <summary>Writes run one at a time on the calling thread (a store made of PowerShell scriptblocks).</summary>
        public bool OnCallerThread { get; set; }

        public IEnumerable<PublishResult> Run(IReadOnlyList<TWrite> writes, ProgressTracker progress, IEngineHost host)
        {
            foreach (var wave in new[] { writes.Where(w => !_file(w).PublishesLast).ToList(), writes.Where(w => _file(w).PublishesLast).ToList() })
            {
                if (wave.Count == 0) continue;
                var pool = OnCallerThread ? null : new WorkerPool<PublishResult>(ThrottleLimit, host.Cancellation);
                using (pool)
                {
                    foreach (var write in wave)
                    {
                        host.Cancellation.ThrowIfCancellationRequested();
                        var planned = _planned(write);
                        if (WhatIf) planned = planned.AsWhatIf();
                        if (!host.ShouldProcess(planned.Destination, $"{planned.Action} ({planned.Reason})"))
                        {
                            yield return WhatIf ? planned : _declined(write);
                            continue;
                        }
                        if (WhatIf && !WhatIfWritesToDryRun)
                        {
                            yield return planned;
                            continue;
                        }
                        if (pool == null)
                        {
                            yield return progress.Finished(_execute(write, planned, host.Cancellation));
                            continue;
                        }
                        pool.Post(token => _execute(write, planned, token));
                        foreach (var done in pool.TakeFinished()) yield return progress.Finished(done);
                    }
                    if (pool != null)
                        foreach (var done in pool.Drain(() => progress.Report(force: false))) yield return progress.Finished(done);
                }
            }
        }
    }
}
