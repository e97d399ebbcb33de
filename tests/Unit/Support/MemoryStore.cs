using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MediaSync.Stores;

namespace MediaSync.Tests.Support
{
    /// <summary>A store in memory: for unit tests of pure logic, and as the reference the conformance suite holds others to.</summary>
    public sealed class MemoryStore : IHeaderUpdatingStore
    {
        private readonly SortedDictionary<string, (byte[] Bytes, string Md5, Dictionary<string, string> Headers)> _objects =
            new SortedDictionary<string, (byte[], string, Dictionary<string, string>)>(StringComparer.Ordinal);
        private readonly object _gate = new object();

        public string Name => "memory";
        public bool KeepsHeaders => true;
        public bool CanDelete => true;

        /// <summary>Every call, for tests that check what a sync did and did not do.</summary>
        public List<string> Calls { get; } = new List<string>();

        public IEnumerable<StoredObject> List(CancellationToken cancellation)
        {
            lock (_gate)
            {
                Calls.Add("List");
                return _objects.Select(o => new StoredObject(o.Key, o.Value.Bytes.Length, o.Value.Md5,
                    new Dictionary<string, string>(o.Value.Headers, StringComparer.OrdinalIgnoreCase))).ToList();
            }
        }

        public void Put(StorePut put, CancellationToken cancellation)
        {
            var bytes = put.Content.ReadAllBytes();
            lock (_gate)
            {
                Calls.Add("Put " + put.Key);
                _objects[put.Key] = (bytes, put.Md5, new Dictionary<string, string>(put.Headers.ToDictionary(h => h.Key, h => h.Value), StringComparer.OrdinalIgnoreCase));
            }
        }

        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            lock (_gate)
            {
                Calls.Add("Delete " + string.Join(",", keys));
                foreach (var key in keys) _objects.Remove(key);
            }
        }

        public void UpdateHeaders(string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation)
        {
            lock (_gate)
            {
                Calls.Add("UpdateHeaders " + key);
                if (!_objects.TryGetValue(key, out var existing)) throw new KeyNotFoundException($"'{key}' is not in the store.");
                _objects[key] = (existing.Bytes, existing.Md5, new Dictionary<string, string>(headers.ToDictionary(h => h.Key, h => h.Value), StringComparer.OrdinalIgnoreCase));
            }
        }
    }
}
