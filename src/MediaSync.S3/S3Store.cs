using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// An S3 bucket (or prefix) as a store. It composes the parts: <see cref="S3Connection"/> (lean client, SDK,
    /// credentials), <see cref="S3Addressing"/>, <see cref="StoreState"/>, <see cref="S3RangeLister"/>,
    /// <see cref="S3Multipart"/> and <see cref="S3Headers"/>. Uploads never use aws-chunked encoding (S3-compatible
    /// servers reject it or keep it in Content-Encoding), and every object carries its MD5 as metadata.
    /// </summary>
    public sealed partial class S3Store : IHeaderUpdatingStore, IPublicUrlStore, IStatefulStore, IShardedStateStore, IDeclaresKeptHeaders, IKeyLimitedStore, ICreatableStore, IDisposable
    {
        public const string Md5MetadataKey = S3Headers.Md5MetadataKey;
        public const string StateFolder = StoreState.Folder;

        private readonly S3StoreOptions _options;
        private readonly string _prefix;
        private readonly S3Addressing _address;
        private readonly S3Connection _connection;
        private readonly S3RangeLister _lister;
        private readonly S3Multipart _multipart;
        private StoreState _state = StoreState.Empty();
        /// <summary>The state file: state.json, or a shard's own.</summary>
        public string StateKey { get; set; } = StoreState.Key;
        // ETags as last listed, for Confirm.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _listedETags =
            new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        static S3Store() => Errors.ServiceErrorDescribers.Add(Describe);

        /// <summary>An S3 failure with the service's own code and HTTP status: "Slow down (SlowDown, HTTP 503)".</summary>
        private static string? Describe(Exception exception)
        {
            if (!(exception is AmazonServiceException service) || service.StatusCode == 0) return null;
            var code = string.IsNullOrEmpty(service.ErrorCode) ? "" : service.ErrorCode + ", ";
            var said = string.IsNullOrWhiteSpace(service.Message) ? "the server refused" : service.Message;
            return $"{said} ({code}HTTP {(int)service.StatusCode})";
        }

        public S3Store(S3StoreOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            Validate(options);
            _prefix = options.Prefix.Trim('/').Length == 0 ? "" : options.Prefix.Trim('/') + "/";
            _address = new S3Addressing(options, _prefix);
            _connection = new S3Connection(options, _address.BucketUrl);
            _lister = new S3RangeLister(ListPage, options.ListPageSize);
            _multipart = new S3Multipart(_connection, options);
        }

        private static void Validate(S3StoreOptions options)
        {
            string? problem = string.IsNullOrWhiteSpace(options.Bucket) ? "An S3 store needs a bucket."
                : options.PartSize < S3Multipart.MinimumPartSize || options.PartSize > 5L << 30 ? "The part size must be between 5 MiB and 5 GiB."
                : options.MultipartThreshold < S3Multipart.MinimumPartSize ? "The multipart threshold must be at least 5 MiB."
                : options.PartConcurrency < 1 ? "The part concurrency must be at least 1."
                : options.MaxRetries < 0 || options.MaxRetries > 20 ? "The retry count must be between 0 and 20."
                : null;
            if (problem != null) throw new MediaSyncException(Errors.ConflictingArguments(problem));
        }

        public string Name => "s3://" + _options.Bucket + "/" + _prefix;

        string? IKeyLimitedStore.RefuseKey(string key) => KeyLimits.TooManyBytes(_prefix + key, "S3");
        public bool KeepsHeaders => true;
        public IReadOnlyList<string> KeptHeaders => S3Headers.Kept;
        public bool CanDelete => true;

        /// <summary>Requests made so far (tests check that an unchanged file costs none).</summary>
        internal int Requests => _connection.Requests;

        private AmazonS3Client Sdk => _connection.Sdk;

        public bool Missing { get; private set; }

        /// <summary>A bucket that is not there lists as empty with -Create (and is made before the first write), else it is named as missing.</summary>
        public IEnumerable<StoredObject> List(CancellationToken cancellation)
        {
            try
            {
                Missing = false;
                return ListObjects(cancellation);
            }
            catch (Exception e) when (StoreMissingException.Find(e, IsNoSuchBucket) is Exception missing)
            {
                if (!_options.Create) throw new StoreMissingException($"the bucket '{_options.Bucket}' does not exist: {Describe(missing) ?? missing.Message}", e);
                Missing = true;
                return new List<StoredObject>();
            }
        }

        private static bool IsNoSuchBucket(Exception e) => e is AmazonS3Exception s3 && s3.ErrorCode == "NoSuchBucket";

        /// <summary>Creates the bucket, private (no ACL is sent, so S3's default, owner-only, applies).</summary>
        public void Create(CancellationToken cancellation)
        {
            EnsureBucket();
            Missing = false;
        }

        private IEnumerable<StoredObject> ListObjects(CancellationToken cancellation)
        {
            // The keys MediaSync wrote last time (the state) split the listing into ranges listed at once; the first
            // page is asked for while the state comes down.
            var firstPage = _lister.FirstPage(cancellation);
            _state = LoadState(cancellation);
            var entries = _lister.List(_state.Keys().Select(k => _prefix + k), firstPage, cancellation);
            var objects = new List<StoredObject>(entries.Count);
            var details = new HeadDetails(this, cancellation);
            foreach (var entry in entries)
            {
                var key = entry.Key.Substring(_prefix.Length);
                // "folder" markers, keys MediaSync would never write, and its own state
                if (!MediaKey.IsValid(key, out _) || key.StartsWith(StateFolder, StringComparison.Ordinal)) continue;
                var etag = S3ETag.Bare(entry.ETag);
                _listedETags[key] = etag;
                var md5 = S3ETag.Md5(etag);
                // The remembered digest counts only while the object is the one MediaSync wrote (same ETag).
                var known = _state.Vouching(key, etag);
                objects.Add(new StoredObject(key, entry.Size ?? 0, md5 ?? known?.Md5, details, entry.LastModified?.ToUniversalTime(),
                    headersDigest: known?.HeadersDigest, sourceStamp: known?.SourceStamp));
            }
            objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return objects;
        }

        /// <summary>One listing page: from after <paramref name="startAfter"/>, or where <paramref name="continuation"/> left off.</summary>
        private System.Threading.Tasks.Task<(List<S3Object> Objects, string? Next)> ListPage(string? startAfter, string? continuation, CancellationToken cancellation) =>
            _connection.FallbackAsync<(List<S3Object> Objects, string? Next)>(
                () => _connection.Lean.ListPage(_prefix, startAfter, continuation, _options.ListPageSize, cancellation),
                async () =>
                {
                    var response = await Sdk.ListObjectsV2Async(new ListObjectsV2Request
                    {
                        BucketName = _options.Bucket, Prefix = _prefix, MaxKeys = _options.ListPageSize, StartAfter = startAfter, ContinuationToken = continuation,
                    }, cancellation).ConfigureAwait(false);
                    return (response.S3Objects ?? new List<S3Object>(), response.IsTruncated == true ? response.NextContinuationToken : (string?)null);
                });

        public void Put(StorePut put, CancellationToken cancellation)
        {
            var etag = put.Content.Length >= _options.MultipartThreshold
                ? _multipart.Upload(_prefix + put.Key, put, cancellation)
                : PutWhole(_prefix + put.Key, put.Content, put.Md5, put.Headers, cancellation);
            _state.Remember(put.Key, etag, put.Headers, put.SourceStamp, put.Md5);
        }

        /// <summary>One single-part PUT with Content-MD5, never aws-chunked (it breaks S3-compatible servers and leaks into Content-Encoding).</summary>
        private string? PutWhole(string fullKey, MediaSync.Content.MediaContent content, string md5, IReadOnlyDictionary<string, string> headers,
            CancellationToken cancellation)
        {
            async System.Threading.Tasks.Task<string?> ThroughSdk()
            {
                using (var body = content.OpenRead())
                {
                    var request = new PutObjectRequest
                    {
                        BucketName = _options.Bucket, Key = fullKey, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false,
                        MD5Digest = Convert.ToBase64String(ContentHash.FromHex(md5)),
                    };
                    S3Headers.Apply(request.Headers, request.Metadata, headers, md5, value => request.ContentType = value);
                    return (await Sdk.PutObjectAsync(request, cancellation).ConfigureAwait(false)).ETag;
                }
            }
            var wire = headers.Where(h => !h.Key.Equals(S3Headers.Md5MetadataHeader, StringComparison.OrdinalIgnoreCase))
                .Append(new KeyValuePair<string, string>(S3Headers.Md5MetadataHeader, md5)).ToList();
            return _connection.Fallback(() => _connection.Lean.PutObject(fullKey, content, md5, wire, cancellation), ThroughSdk);
        }

        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            // DeleteObjects names keys in an XML body, which cannot carry control characters; those go in the URL, one by one
            var byXml = keys.ToLookup(k => IsXmlText(_prefix + k));
            foreach (var key in byXml[false])
            {
                _connection.Wait(Sdk.DeleteObjectAsync(_options.Bucket, _prefix + key, cancellation));
                _state.Forget(new[] { key });
            }
            var batchable = byXml[true].ToList();
            for (var start = 0; start < batchable.Count; start += 1000)
            {
                var batch = batchable.Skip(start).Take(1000).ToList();
                var response = _connection.Wait(Sdk.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = _options.Bucket, Objects = batch.Select(k => new KeyVersion { Key = _prefix + k }).ToList(), Quiet = true,
                }, cancellation));
                var failure = response.DeleteErrors?.FirstOrDefault();
                if (failure != null) throw new AmazonS3Exception($"could not delete '{failure.Key}': {failure.Code} {failure.Message}");
                _state.Forget(batch);
            }
        }

        private static bool IsXmlText(string text)
        {
            try { System.Xml.XmlConvert.VerifyXmlChars(text); return true; }
            catch (System.Xml.XmlException) { return false; }
        }

        public void UpdateHeaders(string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation)
        {
            var fullKey = _prefix + key;
            var current = _connection.Wait(Sdk.GetObjectMetadataAsync(_options.Bucket, fullKey, cancellation));
            var md5 = S3Headers.Metadata(current, Md5MetadataKey) ?? S3ETag.Bare(current.ETag);
            var request = new CopyObjectRequest
            {
                SourceBucket = _options.Bucket, SourceKey = fullKey, DestinationBucket = _options.Bucket, DestinationKey = fullKey,
                MetadataDirective = S3MetadataDirective.REPLACE,
            };
            S3Headers.Apply(request.Headers, request.Metadata, headers, md5, value => request.ContentType = value);
            var response = _connection.Wait(Sdk.CopyObjectAsync(request, cancellation));
            _state.Remember(key, response.ETag, headers, _state.Find(key)?.SourceStamp, md5);
        }

        public void Confirm(string key, IReadOnlyDictionary<string, string> headers, string? sourceStamp, string? md5)
        {
            if (!_listedETags.TryGetValue(key, out var etag)) return;
            _state.Remember(key, etag, headers, sourceStamp, md5 ?? _state.Vouching(key, etag)?.Md5);
        }

        /// <summary>The end of a sync: what it wrote is remembered, and uploads a killed run left for those keys are aborted.</summary>
        public void SaveState(CancellationToken cancellation)
        {
            _multipart.AbortSuperseded(_prefix, cancellation);
            if (!_state.Dirty) return;
            var packed = _state.Pack();
            PutWhole(_prefix + StateKey, new MediaSync.Content.MemoryContent(packed), ContentHash.Md5Hex(packed),
                new Dictionary<string, string> { ["Content-Type"] = "application/gzip" }, cancellation);
        }

        private StoreState LoadState(CancellationToken cancellation) =>
            StoreState.Unpack(_connection.Fallback(() => _connection.Lean.GetObject(_prefix + StateKey, cancellation), async () =>
            {
                try
                {
                    using (var response = await Sdk.GetObjectAsync(_options.Bucket, _prefix + StateKey, cancellation).ConfigureAwait(false))
                    using (var buffer = new System.IO.MemoryStream())
                    {
                        await response.ResponseStream.CopyToAsync(buffer).ConfigureAwait(false);
                        return buffer.ToArray();
                    }
                }
                catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
            }));

        public Uri UrlFor(string key) => _address.UrlFor(key);

        /// <summary>A time-limited URL for a plain HTTP GET, so tests can read the raw headers a browser would get.</summary>
        internal string PresignedGetUrl(string key) =>
            Sdk.GetPreSignedURL(new GetPreSignedUrlRequest
            {
                BucketName = _options.Bucket,
                Key = _prefix + key,
                Expires = DateTime.UtcNow.AddMinutes(10),
                Protocol = _options.EndpointUrl != null && _options.EndpointUrl.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
            });

        /// <summary>Multipart uploads begun and neither completed nor aborted, as "key uploadId" (tests check aborts).</summary>
        internal IReadOnlyList<string> IncompleteUploads() =>
            (_connection.Wait(Sdk.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _options.Bucket })).MultipartUploads ?? new List<MultipartUpload>())
            .Select(u => u.Key + " " + u.UploadId).ToList();

        /// <summary>Creates the bucket unless it exists already (for first deployments and tests).</summary>
        public void EnsureBucket()
        {
            try { _connection.Wait(Sdk.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket })); }
            catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou") { }
        }

        public void Dispose() => _connection.Dispose();
    }

    /// <summary>What <see cref="S3Stores.Open"/> calls, by name, in whichever load context holds this assembly.</summary>
    public static class S3StoreFactory
    {
        public static IMediaStore Create(S3StoreOptions options) => new S3Store(options);
    }
}
