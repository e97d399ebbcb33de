using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MediaSync.Publishing
{
    /// <summary>
    /// Runs work on a fixed number of threads while the caller's thread collects results, so progress,
    /// output and errors reach the host on the thread that called the engine (a PowerShell requirement).
    /// Work must not throw; it turns its own failures into results.
    /// </summary>
    internal sealed class WorkerPool<TResult> : IDisposable
    {
        private readonly BlockingCollection<Func<CancellationToken, TResult>> _queue = new BlockingCollection<Func<CancellationToken, TResult>>();
        private readonly BlockingCollection<TResult> _done = new BlockingCollection<TResult>();
        private readonly CancellationTokenSource _cancel;
        private readonly Task[] _workers;
        private int _pending;

        public WorkerPool(int workers, CancellationToken cancellation)
        {
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            _workers = new Task[Math.Max(1, workers)];
            for (var i = 0; i < _workers.Length; i++)
                _workers[i] = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public int Pending => Volatile.Read(ref _pending);

        public void Post(Func<CancellationToken, TResult> work)
        {
            Interlocked.Increment(ref _pending);
            _queue.Add(work);
        }

        /// <summary>Waits up to <paramref name="timeout"/> for one result; throws when the run is canceled.</summary>
        public bool TryTake(TimeSpan timeout, out TResult result)
        {
            if (_done.TryTake(out result!, (int)timeout.TotalMilliseconds, _cancel.Token))
            {
                Interlocked.Decrement(ref _pending);
                return true;
            }
            return false;
        }

        /// <summary>Results already finished, without waiting.</summary>
        public IEnumerable<TResult> TakeFinished()
        {
            while (_done.TryTake(out var result))
            {
                Interlocked.Decrement(ref _pending);
                yield return result;
            }
        }

        private void Run()
        {
            try
            {
                foreach (var work in _queue.GetConsumingEnumerable(_cancel.Token))
                    _done.Add(work(_cancel.Token));
            }
            catch (OperationCanceledException) { }
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _cancel.Cancel();
            try { Task.WaitAll(_workers, TimeSpan.FromSeconds(30)); }
            catch (AggregateException) { }
            _cancel.Dispose();
            _queue.Dispose();
            _done.Dispose();
        }
    }
}
