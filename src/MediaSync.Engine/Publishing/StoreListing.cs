using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// A store's listing, started early so that it runs while files are still being found and processed (a no-op
    /// sync is mostly waiting for the listing). A store bound to the caller's thread is listed when asked.
    /// </summary>
    internal sealed class StoreListing
    {
        private readonly Task<List<StoredObject>>? _early;

        private StoreListing(IMediaStore store, Task<List<StoredObject>>? early)
        {
            Store = store;
            _early = early;
        }

        public IMediaStore Store { get; }

        public static StoreListing Start(IMediaStore store, CancellationToken cancellation) =>
            new StoreListing(store, store is ICallerThreadStore ? null : Task.Run(() => store.List(cancellation).ToList(), cancellation));

        internal static StoreListing OnDemand(IMediaStore store) => new StoreListing(store, null);

        /// <summary>
        /// The listing by key, compared with <paramref name="comparer"/>; a failure (a key listed twice too) is
        /// terminating, since without it nothing can be compared and nothing is written.
        /// </summary>
        internal Dictionary<string, StoredObject> Result(IEngineHost host, IEqualityComparer<string> comparer)
        {
            try { return PublishDiff.ByKey(_early != null ? _early.GetAwaiter().GetResult() : Store.List(host.Cancellation), comparer); }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is MediaSyncException))
            {
                throw new MediaSyncException(Errors.StoreListFailed(Store.Name, e));
            }
        }
    }
}
