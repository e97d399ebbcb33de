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
    /// The collector wakes on a coarse interval or when all work is done, never once per item: per-item
    /// hand-offs made the collector spin and steal a core from the copies. Work must not throw; it turns
    /// its own failures into results.
    /// </summary>
    internal sealed class WorkerPool<TResult> : IDisposable
    {
        private readonly BlockingCollection<Func<CancellationToken, TResult>> _queue = new BlockingCollection<Func<CancellationToken, TResult>>();
        private readonly ConcurrentQueue<TResult> _finished = new ConcurrentQueue<TResult>();
        private readonly ManualResetEventSlim _idle = new ManualResetEventSlim(true, spinCount: 0);
        private readonly CancellationTokenSource _cancel;
        private readonly Task[] _workers;
        private int _running;

        public WorkerPool(int workers, CancellationToken cancellation)
        {
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            _workers = new Task[Math.Max(1, workers)];
            for (var i = 0; i < _workers.Length; i++)
                _workers[i] = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>True while work is queued or running, or results wait to be taken.</summary>
        public bool Busy => Volatile.Read(ref _running) > 0 || !_finished.IsEmpty;

        public void Post(Func<CancellationToken, TResult> work)
        {
            if (Interlocked.Increment(ref _running) == 1) _idle.Reset();
            _queue.Add(work);
        }

        /// <summary>Waits until all work is done or <paramref name="interval"/> passes; throws when the run is canceled.</summary>
        private void Wait(TimeSpan interval)
        {
            try { _idle.Wait(interval, _cancel.Token); }
            catch (OperationCanceledException) when (Volatile.Read(ref _fault) is Exception fault)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(fault).Throw();
            }
        }

        /// <summary>How often the collecting thread wakes while work runs (for progress), when not woken by the end.</summary>
        private static readonly TimeSpan CollectInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>Every remaining result, as it finishes; <paramref name="tick"/> runs at each wake-up (progress).</summary>
        public IEnumerable<TResult> Drain(Action tick)
        {
            while (Busy)
            {
                Wait(CollectInterval);
                foreach (var result in TakeFinished()) yield return result;
                tick();
            }
        }

        /// <summary>Results finished so far, without waiting.</summary>
        public IEnumerable<TResult> TakeFinished()
        {
            while (_finished.TryDequeue(out var result)) yield return result;
        }

        private void Run()
        {
            try
            {
                foreach (var work in _queue.GetConsumingEnumerable(_cancel.Token))
                {
                    try { _finished.Enqueue(work(_cancel.Token)); }
                    catch (OperationCanceledException) when (_cancel.IsCancellationRequested) { return; }
                    catch (Exception e)
                    {
                        // Work that throws anyway is not lost: the collector rethrows it instead of waiting for its result forever.
                        Interlocked.CompareExchange(ref _fault, e, null);
                        _cancel.Cancel();
                    }
                    finally
                    {
                        if (Interlocked.Decrement(ref _running) == 0) _idle.Set();
                    }
                }
            }
            catch (OperationCanceledException) { }
        }

        private Exception? _fault;

        public void Dispose()
        {
            _queue.CompleteAdding();
            _cancel.Cancel();
            try { Task.WaitAll(_workers, TimeSpan.FromSeconds(30)); }
            catch (AggregateException) { }
            _cancel.Dispose();
            _queue.Dispose();
            _idle.Dispose();
        }
    }
}
