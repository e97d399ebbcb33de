using System;
using System.Collections.Generic;
using System.Threading;
using Amazon.S3.Model;

namespace MediaSync.Stores
{
    public sealed partial class S3Store
    {
        /// <summary>What a listing lacks of an object (its MD5 where the ETag is none, its headers), from one HEAD made on first use and kept, failure included.</summary>
        private sealed class HeadDetails : IStoredObjectDetails
        {
            private readonly S3Store _store;
            private readonly CancellationToken _cancellation;

            public HeadDetails(S3Store store, CancellationToken cancellation)
            {
                _store = store;
                _cancellation = cancellation;
            }

            public string? Md5(StoredObject stored) => S3Headers.Metadata(Head(stored), Md5MetadataKey);

            public IReadOnlyDictionary<string, string> Headers(StoredObject stored) => S3Headers.Of(Head(stored));

            private GetObjectMetadataResponse Head(StoredObject stored)
            {
                Lazy<GetObjectMetadataResponse> head;
                lock (stored.Gate)
                {
                    if (stored.Fetched == null)
                    {
                        var fullKey = _store._prefix + stored.Key;
                        stored.Fetched = new Lazy<GetObjectMetadataResponse>(() =>
                            _store._connection.Wait(_store.Sdk.GetObjectMetadataAsync(_store._options.Bucket, fullKey, _cancellation)));
                    }
                    head = (Lazy<GetObjectMetadataResponse>)stored.Fetched;
                }
                return head.Value;
            }
        }
    }
}
