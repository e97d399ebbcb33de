using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.S3.Model;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// An S3 bucket (or prefix) as a store, through the AWS SDK. Credentials come from the SDK's standard chain or a
    /// profile and appear in no message. Uploads never use aws-chunked encoding (S3-compatible servers reject it or
    /// keep it in Content-Encoding), and every object carries its MD5 as x-amz-meta-mediasync-md5, because a multipart
    /// upload's ETag is not one.
    /// </summary>
    public sealed class S3Store : IHeaderUpdatingStore, IPublicUrlStore, IStatefulStore, IDeclaresKeptHeaders, IDisposable
    {
        public const string Md5MetadataKey = "mediasync-md5";

        /// <summary>
        /// What MediaSync keeps in the store about what it wrote (key, ETag and header digest). Keys under this folder
        /// are MediaSync's own: never listed as media, never orphans.
        /// </summary>
        public const string StateFolder = ".mediasync/";
        private const string StateKey = StateFolder + "state.json";

        private readonly object _stateGate = new object();
        // Per key: the ETag MediaSync saw, the digest of the headers it set, the source stamp, and the content MD5 where
        // the ETag is not one (multipart), so that no object needs a HEAD while it stays as MediaSync left it.
        private Dictionary<string, (string ETag, string Digest, string? Stamp, string? Md5)> _state =
            new Dictionary<string, (string, string, string?, string?)>(StringComparer.Ordinal);
        private bool _stateDirty;
        private int _requests;

        // The SDK client is made on first write: a sync that only reads (a no-op) reads through the fast path alone.
        private readonly Lazy<AmazonS3Client> _sdk;
        private AmazonS3Client _client => _sdk.Value;
        private readonly S3LeanClient _lean;
        private volatile bool _leanUnavailable;
        // ETags as last listed, for Confirm.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _listedETags =
            new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly S3StoreOptions _options;
        private readonly string _prefix;

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
            if (string.IsNullOrWhiteSpace(options.Bucket)) throw new MediaSyncException(Errors.ConflictingArguments("An S3 store needs -Bucket."));
            _prefix = options.Prefix.Trim('/').Length == 0 ? "" : options.Prefix.Trim('/') + "/";
            if (options.PartSize < MinimumPartSize || options.PartSize > 5L << 30)
                throw new MediaSyncException(Errors.ConflictingArguments("-PartSize must be between 5 MiB and 5 GiB."));
            if (options.MultipartThreshold < MinimumPartSize)
                throw new MediaSyncException(Errors.ConflictingArguments("-MultipartThreshold must be at least 5 MiB."));
            if (options.PartConcurrency < 1) throw new MediaSyncException(Errors.ConflictingArguments("-PartConcurrency must be at least 1."));
            if (options.MaxRetries < 0 || options.MaxRetries > 20) throw new MediaSyncException(Errors.ConflictingArguments("-MaxRetries must be between 0 and 20."));
            // The SDK's configuration and client cost tens of milliseconds to make: only a write or a fallback needs them.
            var config = new Lazy<AmazonS3Config>(() =>
            {
                var made = new AmazonS3Config
                {
                    ForcePathStyle = options.ForcePathStyle,
                    RetryMode = RequestRetryMode.Standard,
                    MaxErrorRetry = options.MaxRetries,
                    // S3-compatible servers (Ceph RGW) answer 400 XAmzContentSHA256Mismatch to the SDK's default trailing checksums.
                    RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                    ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                };
                if (options.EndpointUrl != null)
                {
                    made.ServiceURL = options.EndpointUrl;
                    made.AuthenticationRegion = options.Region;
                }
                else made.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
                return made;
            });
            AWSCredentials? credentials = options.AccessKey != null ? new BasicAWSCredentials(options.AccessKey, options.SecretKey ?? "") : (options.ProfileName == null ? null : ProfileCredentials(options.ProfileName));
            _sdk = new Lazy<AmazonS3Client>(() => credentials == null ? new AmazonS3Client(config.Value) : new AmazonS3Client(credentials, config.Value));
            var resolved = new Lazy<Func<ImmutableCredentials>>(() =>
            {
                var chosen = credentials ?? Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(config.Value);
                return chosen.GetCredentials;
            });
            _lean = new S3LeanClient(BucketUrl(), options.Region,
                () => credentials == null && EnvironmentCredentials() is ImmutableCredentials fromEnvironment ? fromEnvironment : resolved.Value());
        }

        /// <summary>
        /// The first source of the SDK's standard chain, read directly: the same keys, without starting the SDK's
        /// resolver for a read that may be all the run does.
        /// </summary>
        private static ImmutableCredentials? EnvironmentCredentials()
        {
            var access = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
            var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
            return string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret) ? null
                : new ImmutableCredentials(access, secret, Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        }

        /// <summary>The bucket's root URL, as the SDK would address it (virtual-host unless path style is asked for or needed).</summary>
        private Uri BucketUrl()
        {
            var pathStyle = _options.ForcePathStyle || _options.Bucket.IndexOf('.') >= 0;
            var endpoint = _options.EndpointUrl != null ? new Uri(_options.EndpointUrl) : new Uri($"https://s3.{_options.Region}.amazonaws.com");
            return pathStyle
                ? new Uri($"{endpoint.Scheme}://{endpoint.Authority}/{_options.Bucket}/")
                : new Uri($"{endpoint.Scheme}://{_options.Bucket}.{endpoint.Authority}/");
        }

        /// <summary>
        /// A request through the lean client; when it fails, the same request through the SDK, with its retries and full
        /// errors. A failure that says the lean path does not fit this endpoint sends every later request to the SDK.
        /// </summary>
        private T Lean<T>(Func<System.Threading.Tasks.Task<T>> lean, Func<System.Threading.Tasks.Task<T>> sdk) =>
            LeanAsync(lean, sdk).ConfigureAwait(false).GetAwaiter().GetResult();

        private async System.Threading.Tasks.Task<T> LeanAsync<T>(Func<System.Threading.Tasks.Task<T>> lean, Func<System.Threading.Tasks.Task<T>> sdk)
        {
            Interlocked.Increment(ref _requests);
            if (!_leanUnavailable)
            {
                try { return await lean().ConfigureAwait(false); }
                catch (S3LeanClient.LeanRequestFailed e) { if (e.Lasting) _leanUnavailable = true; }
            }
            return await sdk().ConfigureAwait(false);
        }

        private static AWSCredentials ProfileCredentials(string profile)
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)) return credentials;
            throw new MediaSyncException(Errors.ConflictingArguments($"There is no AWS profile named '{profile}'."));
        }

        public string Name => "s3://" + _options.Bucket + "/" + _prefix;
        public bool KeepsHeaders => true;

        /// <summary>What S3 stores with an object and serves back; it drops any other header sent with a PUT.</summary>
        public IReadOnlyList<string> KeptHeaders { get; } = new[]
        {
            "Cache-Control", "Content-Type", "Content-Encoding", "Content-Disposition", "Content-Language", "Expires",
            "x-amz-meta-*", "x-amz-website-redirect-location",
        };
        public bool CanDelete => true;

        /// <summary>SDK requests made so far (tests check that an unchanged file costs none).</summary>
        internal int Requests => Volatile.Read(ref _requests);

        public IEnumerable<StoredObject> List(CancellationToken cancellation)
        {
            // The keys MediaSync wrote last time (the state) split the listing into ranges listed at once; the first
            // page is asked for while the state comes down, since every range split starts with it.
            var firstPage = ListPage(null, null, cancellation);
            LoadState(cancellation);
            var entries = ListInRanges(RangeBounds(), firstPage, cancellation);
            var objects = new List<StoredObject>(entries.Count);
            foreach (var entry in entries)
            {
                var key = entry.Key.Substring(_prefix.Length);
                // "folder" markers, keys MediaSync would never write, and its own state
                if (!MediaKey.IsValid(key, out _) || key.StartsWith(StateFolder, StringComparison.Ordinal)) continue;
                var etag = (entry.ETag ?? "").Trim('"');
                _listedETags[key] = etag;
                var fullKey = entry.Key;
                // A single-part ETag is the MD5; a multipart one ("...-3") is not, so ask for MediaSync's own copy.
                var md5 = etag.Length == 32 && etag.IndexOf('-') < 0 ? etag.ToLowerInvariant() : null;
                var head = new Lazy<GetObjectMetadataResponse>(() => Wait(_client.GetObjectMetadataAsync(_options.Bucket, fullKey, cancellation)));
                // The remembered digest counts only while the object is the one MediaSync wrote (same ETag).
                string? digest = null, stamp = null;
                lock (_stateGate)
                    if (_state.TryGetValue(key, out var known) && known.ETag == etag) (digest, stamp, md5) = (known.Digest, known.Stamp, md5 ?? known.Md5);
                objects.Add(new StoredObject(key, entry.Size ?? 0, md5, lastModifiedUtc: entry.LastModified?.ToUniversalTime(),
                    md5OnDemand: () => Metadata(head.Value, Md5MetadataKey), headersOnDemand: () => HeadersOf(head.Value), headersDigest: digest,
                    sourceStamp: stamp));
            }
            return objects.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        }

        private const int MostRangesAtOnce = 16;
        private int PageSize => _options.ListPageSize;

        /// <summary>
        /// Every thousandth key MediaSync remembers (full keys, in S3's UTF-8 order): each range between two bounds
        /// is about one page when the bucket is as MediaSync left it, and more pages when it is not.
        /// </summary>
        private List<string> RangeBounds()
        {
            List<string> known;
            lock (_stateGate) known = _state.Keys.Select(k => _prefix + k).ToList();
            known.Sort(Utf8Order.Instance);
            var stride = Math.Max(PageSize, (known.Count + MostRangesAtOnce - 1) / MostRangesAtOnce);
            var bounds = new List<string>();
            for (var i = stride - 1; i < known.Count - 1; i += stride) bounds.Add(known[i]);
            return bounds;
        }

        /// <summary>The listing as ranges (-inf, b1], (b1, b2], ..., (bn, +inf), all listed at once; together they are the whole bucket.</summary>
        /// <summary>The ranges are listed with awaits, not blocked threads: a blocked pool thread cannot finish anyone's request.</summary>
        private List<S3Object> ListInRanges(List<string> bounds, System.Threading.Tasks.Task<(List<S3Object> Objects, string? Next)> firstPage,
            CancellationToken cancellation)
        {
            var ranges = Enumerable.Range(0, bounds.Count + 1)
                .Select(i => ListRange(i == 0 ? null : bounds[i - 1], i == bounds.Count ? null : bounds[i], i == 0 ? firstPage : null, cancellation))
                .ToArray();
            return System.Threading.Tasks.Task.WhenAll(ranges).ConfigureAwait(false).GetAwaiter().GetResult().SelectMany(range => range).ToList();
        }

        /// <summary>One page: from after <paramref name="startAfter"/>, or where <paramref name="continuation"/> left off.</summary>
        private System.Threading.Tasks.Task<(List<S3Object> Objects, string? Next)> ListPage(string? startAfter, string? continuation, CancellationToken cancellation) =>
            LeanAsync<(List<S3Object> Objects, string? Next)>(
                () => _lean.ListPage(_prefix, startAfter, continuation, PageSize, cancellation),
                async () =>
                {
                    var response = await _client.ListObjectsV2Async(new ListObjectsV2Request
                    {
                        BucketName = _options.Bucket, Prefix = _prefix, MaxKeys = PageSize, StartAfter = startAfter, ContinuationToken = continuation,
                    }, cancellation).ConfigureAwait(false);
                    return (response.S3Objects ?? new List<S3Object>(), response.IsTruncated == true ? response.NextContinuationToken : (string?)null);
                });

        private async System.Threading.Tasks.Task<List<S3Object>> ListRange(string? after, string? through,
            System.Threading.Tasks.Task<(List<S3Object> Objects, string? Next)>? fetched, CancellationToken cancellation)
        {
            var found = new List<S3Object>();
            string? next = null;
            while (true)
            {
                var page = await (fetched ?? ListPage(next == null ? after : null, next, cancellation)).ConfigureAwait(false);
                fetched = null;
                foreach (var entry in page.Objects)
                {
                    if (through != null && Utf8Order.Instance.Compare(entry.Key, through) > 0) return found;
                    found.Add(entry);
                }
                // A range that ends exactly at its bound is done, however the page ends.
                if (page.Next == null || (through != null && found.Count > 0 && found[found.Count - 1].Key == through)) return found;
                next = page.Next;
            }
        }

        /// <summary>S3 lists keys in the order of their UTF-8 bytes, which differs from .NET's ordinal order past U+FFFF.</summary>
        internal sealed class Utf8Order : IComparer<string>
        {
            public static readonly Utf8Order Instance = new Utf8Order();

            // Called for every listed key: compare the UTF-16 text without encoding it. The orders differ only where
            // a surrogate (U+D800-DFFF, half of a character above U+FFFF) meets U+E000-FFFF, which UTF-8 puts first.
            public int Compare(string? x, string? y)
            {
                x ??= "";
                y ??= "";
                for (var i = 0; i < x.Length && i < y.Length; i++)
                {
                    int a = x[i], b = y[i];
                    if (a == b) continue;
                    return a >= 0xD800 && b >= 0xD800 ? CodePointRank(a).CompareTo(CodePointRank(b)) : a.CompareTo(b);
                }
                return x.Length.CompareTo(y.Length);
            }

            private static int CodePointRank(int unit) => unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;
        }

        private const long MinimumPartSize = 5L << 20;

        public void Put(StorePut put, CancellationToken cancellation)
        {
            if (put.Content.Length >= _options.MultipartThreshold)
            {
                PutInParts(put, cancellation);
                return;
            }
            var etag = PutWhole(_prefix + put.Key, put.Content, put.Md5, put.Headers, cancellation);
            Remember(put.Key, etag, put.Headers, put.SourceStamp, put.Md5);
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
                    Apply(request.Headers, request.Metadata, headers, md5, value => request.ContentType = value);
                    return (await _client.PutObjectAsync(request, cancellation).ConfigureAwait(false)).ETag;
                }
            }
            var wire = headers.Where(h => !h.Key.Equals(Md5MetadataHeader, StringComparison.OrdinalIgnoreCase))
                .Append(new KeyValuePair<string, string>(Md5MetadataHeader, md5)).ToList();
            return Lean(() => _lean.PutObject(fullKey, content, md5, wire, cancellation), ThroughSdk);
        }

        private const string Md5MetadataHeader = "x-amz-meta-" + Md5MetadataKey;

        /// <summary>
        /// A multipart upload with up to <see cref="S3StoreOptions.PartConcurrency"/> parts in flight, each read at its
        /// own offset and sent with its MD5. A failure or Ctrl+C aborts the upload, so no orphaned parts are billed.
        /// </summary>
        private void PutInParts(StorePut put, CancellationToken cancellation)
        {
            var key = _prefix + put.Key;
            var initiate = new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = key };
            Apply(initiate.Headers, initiate.Metadata, put.Headers, put.Md5, value => initiate.ContentType = value);
            var uploadId = Wait(_client.InitiateMultipartUploadAsync(initiate, cancellation)).UploadId;
            try
            {
                var length = put.Content.Length;
                var partCount = (int)((length + _options.PartSize - 1) / _options.PartSize);
                var parts = new PartETag[partCount];
                var partDigests = new byte[partCount][];
                using (var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                using (var slots = new SemaphoreSlim(_options.PartConcurrency))
                {
                    async System.Threading.Tasks.Task UploadPart(int index)
                    {
                        await slots.WaitAsync(firstFailure.Token).ConfigureAwait(false);
                        try
                        {
                            var offset = index * _options.PartSize;
                            var bytes = ReadRange(put.Content, offset, (int)Math.Min(_options.PartSize, length - offset));
                            using (var body = new System.IO.MemoryStream(bytes, writable: false))
                            using (var md5 = System.Security.Cryptography.MD5.Create())
                            {
                                partDigests[index] = md5.ComputeHash(bytes);
                                Interlocked.Increment(ref _requests);
                                var response = await _client.UploadPartAsync(new UploadPartRequest
                                {
                                    BucketName = _options.Bucket, Key = key, UploadId = uploadId, PartNumber = index + 1, PartSize = bytes.Length,
                                    InputStream = body, UseChunkEncoding = false, MD5Digest = Convert.ToBase64String(partDigests[index]),
                                }, firstFailure.Token).ConfigureAwait(false);
                                parts[index] = new PartETag(index + 1, response.ETag);
                            }
                        }
                        catch
                        {
                            firstFailure.Cancel();
                            throw;
                        }
                        finally { slots.Release(); }
                    }
                    var uploads = System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, partCount).Select(UploadPart).ToArray());
                    try { uploads.GetAwaiter().GetResult(); }
                    catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                    {
                        // A part failed and the others were stopped: report the failure, not the stop.
                        throw uploads.Exception?.InnerExceptions.FirstOrDefault(e => !(e is OperationCanceledException)) ?? throw new OperationCanceledException();
                    }
                }
                var completed = Wait(_client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = _options.Bucket, Key = key, UploadId = uploadId, PartETags = parts.ToList(),
                }, cancellation));
                // Some servers (Ceph RGW) answer with an empty ETag; S3's rule gives it: MD5 of the part MD5s, dash, part count.
                var etag = string.IsNullOrEmpty(completed.ETag?.Trim('"')) ? MultipartETag(partDigests) : completed.ETag;
                Remember(put.Key, etag, put.Headers, put.SourceStamp, put.Md5);
            }
            catch
            {
                AbortUpload(key, uploadId);
                throw;
            }
        }

        internal static string MultipartETag(IReadOnlyList<byte[]> partDigests) =>
            ContentHash.Md5Hex(partDigests.SelectMany(d => d).ToArray()) + "-" + partDigests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private void AbortUpload(string key, string uploadId)
        {
            try { Wait(_client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId }, CancellationToken.None)); }
            catch (Exception e) when (e is AmazonServiceException || e is System.Net.Http.HttpRequestException || e is System.IO.IOException)
            {
                // Best effort: the upload's own error is the one worth reporting; a bucket lifecycle rule cleans up the rest.
            }
        }

        private static byte[] ReadRange(MediaSync.Content.MediaContent content, long offset, int count)
        {
            var bytes = new byte[count];
            using (var stream = content.OpenRead())
            {
                stream.Seek(offset, System.IO.SeekOrigin.Begin);
                var read = 0;
                while (read < count)
                {
                    var n = stream.Read(bytes, read, count - read);
                    if (n == 0) throw new System.IO.EndOfStreamException($"the content ended at {offset + read} bytes, before its expected {content.Length}.");
                    read += n;
                }
            }
            return bytes;
        }

        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            for (var start = 0; start < keys.Count; start += 1000)
            {
                var batch = keys.Skip(start).Take(1000).Select(k => new KeyVersion { Key = _prefix + k }).ToList();
                var response = Wait(_client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = _options.Bucket, Objects = batch, Quiet = true }, cancellation));
                var failure = response.DeleteErrors?.FirstOrDefault();
                if (failure != null) throw new AmazonS3Exception($"could not delete '{failure.Key}': {failure.Code} {failure.Message}");
                lock (_stateGate)
                {
                    foreach (var key in keys.Skip(start).Take(1000)) _state.Remove(key);
                    _stateDirty = true;
                }
            }
        }

        public void UpdateHeaders(string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation)
        {
            var fullKey = _prefix + key;
            var current = Wait(_client.GetObjectMetadataAsync(_options.Bucket, fullKey, cancellation));
            var md5 = Metadata(current, Md5MetadataKey) ?? (current.ETag ?? "").Trim('"');
            var request = new CopyObjectRequest
            {
                SourceBucket = _options.Bucket,
                SourceKey = fullKey,
                DestinationBucket = _options.Bucket,
                DestinationKey = fullKey,
                MetadataDirective = S3MetadataDirective.REPLACE,
            };
            Apply(request.Headers, request.Metadata, headers, md5, value => request.ContentType = value);
            var response = Wait(_client.CopyObjectAsync(request, cancellation));
            string? stamp;
            lock (_stateGate) stamp = _state.TryGetValue(key, out var known) ? known.Stamp : null;
            Remember(key, response.ETag, headers, stamp, md5);
        }

        public void Confirm(string key, IReadOnlyDictionary<string, string> headers, string? sourceStamp, string? md5)
        {
            if (!_listedETags.TryGetValue(key, out var etag)) return;
            lock (_stateGate) md5 ??= _state.TryGetValue(key, out var known) && known.ETag == etag ? known.Md5 : null;
            Remember(key, etag, headers, sourceStamp, md5);
        }

        public void SaveState(CancellationToken cancellation)
        {
            byte[] json;
            lock (_stateGate)
            {
                if (!_stateDirty) return;
                // Written by hand: the reflection serializer's cold start costs more than the rest of a small sync's save.
                using (var buffer = new System.IO.MemoryStream())
                {
                    using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("version", 1);
                        writer.WriteStartObject("objects");
                        foreach (var entry in _state.OrderBy(e => e.Key, StringComparer.Ordinal))
                        {
                            writer.WriteStartObject(entry.Key);
                            writer.WriteString("etag", entry.Value.ETag);
                            writer.WriteString("headers", entry.Value.Digest);
                            writer.WriteString("source", entry.Value.Stamp);
                            if (entry.Value.Md5 != null) writer.WriteString("md5", entry.Value.Md5);
                            writer.WriteEndObject();
                        }
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }
                    json = buffer.ToArray();
                }
                _stateDirty = false;
            }
            // gzip without Content-Encoding, so every client hands back the same bytes; LoadState unpacks them.
            var packed = Gzip(json);
            PutWhole(_prefix + StateKey, new MediaSync.Content.MemoryContent(packed), ContentHash.Md5Hex(packed),
                new Dictionary<string, string> { ["Content-Type"] = "application/gzip" }, cancellation);
        }

        private void LoadState(CancellationToken cancellation)
        {
            var state = new Dictionary<string, (string, string, string?, string?)>(StringComparer.Ordinal);
            try
            {
                var bytes = Lean(() => _lean.GetObject(_prefix + StateKey, cancellation), async () =>
                {
                    try
                    {
                        using (var response = await _client.GetObjectAsync(_options.Bucket, _prefix + StateKey, cancellation).ConfigureAwait(false))
                        using (var buffer = new System.IO.MemoryStream())
                        {
                            await response.ResponseStream.CopyToAsync(buffer).ConfigureAwait(false);
                            return buffer.ToArray();
                        }
                    }
                    catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
                });
                if (bytes != null)
                    using (var document = System.Text.Json.JsonDocument.Parse(Gunzip(bytes)))
                    {
                        string? Optional(System.Text.Json.JsonElement entry, string name) => entry.TryGetProperty(name, out var value) ? value.GetString() : null;
                        foreach (var entry in document.RootElement.GetProperty("objects").EnumerateObject())
                            state[entry.Name] = (entry.Value.GetProperty("etag").GetString() ?? "", entry.Value.GetProperty("headers").GetString() ?? "",
                                Optional(entry.Value, "source"), Optional(entry.Value, "md5"));
                    }
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is System.IO.InvalidDataException)
            {
                // An unreadable state only costs speed: headers are then read object by object.
            }
            lock (_stateGate)
            {
                _state = state;
                _stateDirty = false;
            }
        }

        private static byte[] Gzip(byte[] bytes)
        {
            using (var packed = new System.IO.MemoryStream())
            {
                using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                    gzip.Write(bytes, 0, bytes.Length);
                return packed.ToArray();
            }
        }

        /// <summary>The state's bytes: gzip since it got large; plain JSON as earlier versions wrote it.</summary>
        private static byte[] Gunzip(byte[] bytes)
        {
            if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b) return bytes;
            using (var gzip = new System.IO.Compression.GZipStream(new System.IO.MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress))
            using (var plain = new System.IO.MemoryStream())
            {
                gzip.CopyTo(plain);
                return plain.ToArray();
            }
        }

        private void Remember(string key, string? etag, IReadOnlyDictionary<string, string> headers, string? stamp, string? md5)
        {
            var bareETag = (etag ?? "").Trim('"');
            // A single-part ETag is the MD5 already; keep the state small.
            var extraMd5 = bareETag.Length == 32 && bareETag.IndexOf('-') < 0 ? null : md5;
            lock (_stateGate)
            {
                _state[key] = (bareETag, HeaderDigest.Of(headers), stamp, extraMd5);
                _stateDirty = true;
            }
        }

        public Uri UrlFor(string key)
        {
            if (_options.PublicBaseUrl != null) return new Uri(_options.PublicBaseUrl.TrimEnd('/') + "/" + MediaKey.ToUrlPath(key));
            var encoded = MediaKey.ToUrlPath(_prefix + key);
            if (_options.EndpointUrl != null)
            {
                var endpoint = new Uri(_options.EndpointUrl);
                return _options.ForcePathStyle
                    ? new Uri($"{endpoint.Scheme}://{endpoint.Authority}/{_options.Bucket}/{encoded}")
                    : new Uri($"{endpoint.Scheme}://{_options.Bucket}.{endpoint.Authority}/{encoded}");
            }
            return new Uri($"https://{_options.Bucket}.s3.{_options.Region}.amazonaws.com/{encoded}");
        }

        private static void Apply(HeadersCollection target, MetadataCollection metadata, IReadOnlyDictionary<string, string> headers, string md5, Action<string> setContentType)
        {
            foreach (var header in headers)
            {
                if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) setContentType(header.Value);
                else if (header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)) target.ContentEncoding = header.Value;
                else if (header.Key.Equals("Cache-Control", StringComparison.OrdinalIgnoreCase)) target.CacheControl = header.Value;
                else if (header.Key.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase)) target.ContentDisposition = header.Value;
                else if (header.Key.Equals("Content-Language", StringComparison.OrdinalIgnoreCase)) target["Content-Language"] = header.Value;
                else if (header.Key.Equals("Expires", StringComparison.OrdinalIgnoreCase))
                {
                    if (DateTime.TryParse(header.Value, System.Globalization.CultureInfo.InvariantCulture,
                            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var expires))
                        target.Expires = expires;
                }
                else if (header.Key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase)) metadata.Add(header.Key.Substring("x-amz-meta-".Length), header.Value);
                else target[header.Key] = header.Value;
            }
            metadata.Add(Md5MetadataKey, md5);
        }

        private static IReadOnlyDictionary<string, string> HeadersOf(GetObjectMetadataResponse head)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) headers[name] = value!; }
            Add("Content-Type", head.Headers.ContentType);
            Add("Content-Encoding", head.Headers.ContentEncoding);
            Add("Cache-Control", head.Headers.CacheControl);
            Add("Content-Disposition", head.Headers.ContentDisposition);
            Add("Content-Language", head.Headers["Content-Language"]);
            Add("Expires", head.ExpiresString);
            Add("x-amz-website-redirect-location", head.WebsiteRedirectLocation);
            foreach (var name in head.Metadata.Keys)
                if (!name.EndsWith(Md5MetadataKey, StringComparison.OrdinalIgnoreCase)) Add(name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? name : "x-amz-meta-" + name, head.Metadata[name]);
            return headers;
        }

        private static string? Metadata(GetObjectMetadataResponse head, string name)
        {
            foreach (var key in head.Metadata.Keys)
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase) || key.Equals("x-amz-meta-" + name, StringComparison.OrdinalIgnoreCase))
                    return head.Metadata[key];
            return null;
        }

        /// <summary>The engine's callers are synchronous (a cmdlet's pipeline thread); the SDK is async-only on .NET Core.</summary>
        private T Wait<T>(System.Threading.Tasks.Task<T> task)
        {
            Interlocked.Increment(ref _requests);
            return task.ConfigureAwait(false).GetAwaiter().GetResult();
        }

        /// <summary>A time-limited URL for a plain HTTP GET, so tests can read the raw headers a browser would get.</summary>
        internal string PresignedGetUrl(string key) =>
            _client.GetPreSignedURL(new GetPreSignedUrlRequest
            {
                BucketName = _options.Bucket,
                Key = _prefix + key,
                Expires = DateTime.UtcNow.AddMinutes(10),
                Protocol = _options.EndpointUrl != null && _options.EndpointUrl.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
            });

        /// <summary>Multipart uploads begun and neither completed nor aborted, as "key uploadId" (tests check aborts).</summary>
        internal IReadOnlyList<string> IncompleteUploads() =>
            (Wait(_client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _options.Bucket })).MultipartUploads ?? new List<MultipartUpload>())
            .Select(u => u.Key + " " + u.UploadId).ToList();

        /// <summary>Creates the bucket unless it exists already (for first deployments and tests).</summary>
        public void EnsureBucket()
        {
            try { Wait(_client.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket })); }
            catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou") { }
        }

        public void Dispose()
        {
            if (_sdk.IsValueCreated) _sdk.Value.Dispose();
            _lean.Dispose();
        }
    }

    /// <summary>What <see cref="S3Stores.Open"/> calls, by name, in whichever load context holds this assembly.</summary>
    public static class S3StoreFactory
    {
        public static IMediaStore Create(S3StoreOptions options) => new S3Store(options);
    }
}
