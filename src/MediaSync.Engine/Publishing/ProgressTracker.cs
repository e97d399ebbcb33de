using System;
using System.Diagnostics;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    /// <summary>
    /// Counts bytes from worker threads and reports them, throttled, from the host's thread; also counts the run's
    /// failures, which the delete guards read.
    /// </summary>
    internal sealed class ProgressTracker
    {
        private static readonly long IntervalTicks = Stopwatch.Frequency / 4;

        private readonly string _activity;
        private long _bytesTotal;
        private int _itemsTotal;
        private readonly IEngineHost _host;
        private long _bytesDone;
        private int _itemsDone;
        private long _lastReport;
        private string? _current;

        /// <summary>A tracker whose totals come later (<see cref="Expect"/>), once the plan is made.</summary>
        public ProgressTracker(string activity, IEngineHost host)
        {
            _activity = activity;
            _host = host;
            // The first finished item reports at once, so even a short run shows its progress; later ones are throttled.
            _lastReport = Stopwatch.GetTimestamp() - IntervalTicks;
        }

        /// <summary>The totals, once the plan is made (it is consumed as it is made, so they are not known at the start).</summary>
        public void Expect(long bytesTotal, int itemsTotal)
        {
            _bytesTotal = bytesTotal;
            _itemsTotal = itemsTotal;
        }

        /// <summary>Called from any thread as bytes are written.</summary>
        public void AddBytes(long bytes) => Interlocked.Add(ref _bytesDone, bytes);

        public int Failures { get; private set; }

        /// <summary>A written item came back: count it, and report its error if it failed.</summary>
        public PublishResult Finished(PublishResult result)
        {
            ItemDone(result.RelativePath);
            if (result.Error != null) Failed(result.Error);
            return result;
        }

        /// <summary>A failure outside the written items (a file that could not even be planned).</summary>
        public void Failed(MediaSyncError error)
        {
            Failures++;
            _host.WriteError(error);
        }

        public void ItemDone(string item)
        {
            _itemsDone++;
            _current = item;
            Report(force: false);
        }

        public void Report(bool force)
        {
            var now = Stopwatch.GetTimestamp();
            if (!force && now - _lastReport < IntervalTicks) return;
            _lastReport = now;
            var done = Math.Min(Interlocked.Read(ref _bytesDone), _bytesTotal);
            _host.WriteProgress(new ProgressReport(_activity,
                $"{_itemsDone} of {_itemsTotal} files, {PublishSummary.FormatBytes(done)} of {PublishSummary.FormatBytes(_bytesTotal)}",
                done, _bytesTotal, _itemsDone, _itemsTotal, _current));
        }

        public void Complete() =>
            _host.WriteProgress(new ProgressReport(_activity, "Done", _bytesTotal, _bytesTotal, _itemsDone, _itemsTotal, null, completed: true));
    }
}
