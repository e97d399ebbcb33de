using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace MediaSync.Stores
{
    /// <summary>
    /// What a dry run (-WhatIf) publishes to: it lists the real store and writes nothing, recording each write
    /// instead. A dry run thus walks the same path as a real one, whatever the host answers, and cannot write by
    /// accident. It remembers nothing (it is no IStatefulStore), so a dry run confirms and saves no state. The
    /// publisher still asks the real store whether it can update headers in place or link.
    /// </summary>
    internal sealed class DryRunStore : IHeaderUpdatingStore, ILinkingStore
    {
        private readonly IMediaStore _inner;

        public DryRunStore(IMediaStore inner) => _inner = inner;

        /// <summary>The writes a real run would have made, in the order they were asked for ("Put key", ...).</summary>
        public ConcurrentQueue<string> Recorded { get; } = new ConcurrentQueue<string>();

        public string Name => _inner.Name;
        public bool KeepsHeaders => _inner.KeepsHeaders;
        public bool CanDelete => _inner.CanDelete;

        public IEnumerable<StoredObject> List(CancellationToken cancellation) => _inner.List(cancellation);

        public void Put(StorePut put, CancellationToken cancellation) => Recorded.Enqueue("Put " + put.Key);

        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation) => Recorded.Enqueue("Delete " + string.Join(",", keys));

        public bool IsLinkTo(string key, string sourcePath) => _inner is ILinkingStore linking && linking.IsLinkTo(key, sourcePath);

        public bool TryLink(string key, string sourcePath, out Exception? failure)
        {
            Recorded.Enqueue("Link " + key);
            failure = null;
            return true;
        }

        public void UpdateHeaders(string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation) =>
            Recorded.Enqueue("UpdateHeaders " + key);
    }
}
