using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>Made by the engine through reflection, from its own load context (StoreAssemblies).</summary>
    public static class AzureBlobStoreFactory
    {
        public static IMediaStore Create(AzureBlobStoreOptions options) => new AzureBlobStore(options);
    }

    /// <summary>
    /// An Azure Blob container (or a prefix in it) as a store. A listing carries each blob's Content-MD5 and its
    /// headers, so a no-op sync is the listing alone; header drift is fixed with SetHttpHeaders, without an upload.
    /// Every blob also carries its MD5 as metadata, for blobs whose Content-MD5 another tool left out.
    /// </summary>
    public sealed class AzureBlobStore : IHeaderUpdatingStore, IPublicUrlStore, IDeclaresKeptHeaders, IKeyLimitedStore, ICreatableStore
    {
        /// <summary>Metadata names must be C# identifiers, so no dash.</summary>
        public const string Md5MetadataKey = "mediasync_md5";
        /// <summary>The size and write time of the file a blob was written from: a listing carries it, so an unchanged file is not read again.</summary>
        public const string StampMetadataKey = "mediasync_stamp";
        private const int DeleteConcurrency = 16;
        private const int BatchConcurrency = 4;

        private static readonly string[] Kept = { "Cache-Control", "Content-Type", "Content-Encoding", "Content-Disposition", "Content-Language" };

        private readonly AzureBlobStoreOptions _options;
        private readonly BlobContainerClient _container;
        private readonly string _prefix;
        private readonly BlobBatchDeleter _batch;
        // MD5s as last listed or written: SetHttpHeaders replaces every header, Content-MD5 included, so it is sent again.
        private readonly ConcurrentDictionary<string, byte[]> _md5s = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);

        static AzureBlobStore() => Errors.ServiceErrorDescribers.Add(Describe);

        /// <summary>An Azure failure with the service's own code and HTTP status: "… (ContainerNotFound, HTTP 404)".</summary>
        private static string? Describe(Exception exception)
        {
            if (!(exception is RequestFailedException failed) || failed.Status == 0) return null;
            var code = string.IsNullOrEmpty(failed.ErrorCode) ? "" : failed.ErrorCode + ", ";
            var said = failed.Message.Split('\n')[0].Trim();
            return $"{(said.Length == 0 ? "the service refused" : said)} ({code}HTTP {failed.Status})";
        }

        public AzureBlobStore(AzureBlobStoreOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrEmpty(options.ConnectionString) && string.IsNullOrEmpty(options.SasUrl) && string.IsNullOrEmpty(options.AccountUrl))
                options.ConnectionString = Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING");
            var ways = new[] { options.ConnectionString, options.SasUrl, options.AccountUrl }.Count(w => !string.IsNullOrEmpty(w));
            if (ways != 1) throw new MediaSyncException(Errors.ConflictingArguments("An Azure Blob store needs exactly one of a connection string (or AZURE_STORAGE_CONNECTION_STRING), a SAS URL or an account URL."));
            if (string.IsNullOrEmpty(options.SasUrl) && string.IsNullOrWhiteSpace(options.Container))
                throw new MediaSyncException(Errors.ConflictingArguments("An Azure Blob store needs a container."));
            var client = new BlobClientOptions();
            client.Retry.MaxRetries = options.MaxRetries;
            client.Retry.Mode = Azure.Core.RetryMode.Exponential;
            client.Retry.NetworkTimeout = options.RequestTimeout;
            var signIn = string.IsNullOrEmpty(options.AccountUrl) ? null : new DefaultAzureCredential();
            _container = !string.IsNullOrEmpty(options.ConnectionString) ? new BlobContainerClient(options.ConnectionString, options.Container, client)
                : !string.IsNullOrEmpty(options.SasUrl) ? new BlobContainerClient(new Uri(options.SasUrl), client)
                : new BlobContainerClient(new Uri(options.AccountUrl!.TrimEnd('/') + "/" + options.Container), signIn, client);
            _batch = new BlobBatchDeleter(_container, signIn, options.MaxRetries);
            _prefix = options.Prefix.Trim('/').Length == 0 ? "" : options.Prefix.Trim('/') + "/";
            // the name shows no secret: never the SAS token or the account key
            Name = $"azblob://{_container.AccountName}/{_container.Name}/{_prefix}";
        }

        public string Name { get; }

        string? IKeyLimitedStore.RefuseKey(string key) =>
            KeyLimits.First(KeyLimits.TooManyCharacters(_prefix + key, "Azure Blob"), KeyLimits.ControlCharacter(key, "Azure Blob"), KeyLimits.TrailingDot(key, "Azure Blob"));
        public bool KeepsHeaders => true;
        public bool CanDelete => true;
        public IReadOnlyList<string> KeptHeaders => Kept;

        /// <summary>
        /// Creates the container if it is not there (tests and first deployments); with <paramref name="publicBlobs"/>
        /// anyone may read its blobs by URL, as a site served straight from the container needs.
        /// </summary>
        public void EnsureContainer(bool publicBlobs = false) => _container.CreateIfNotExists(publicBlobs ? PublicAccessType.Blob : PublicAccessType.None);

        public bool Missing { get; private set; }

        /// <summary>Creates the container with no public access.</summary>
        public void Create(CancellationToken cancellation)
        {
            EnsureContainer(publicBlobs: false);
            Missing = false;
        }

        /// <summary>A container that is not there lists as empty with -Create (and is made before the first write), else it is named as missing.</summary>
        public IEnumerable<StoredObject> List(CancellationToken cancellation)
        {
            try
            {
                Missing = false;
                return ListBlobs(cancellation);
            }
            catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
            {
                if (!_options.Create) throw new StoreMissingException($"the container '{_container.Name}' does not exist: {Describe(e) ?? e.Message}", e);
                Missing = true;
                return new List<StoredObject>();
            }
        }

        private List<StoredObject> ListBlobs(CancellationToken cancellation)
        {
            var listed = new List<StoredObject>();
            foreach (var blob in _container.GetBlobs(BlobTraits.Metadata, BlobStates.None, _prefix.Length == 0 ? null : _prefix, cancellation))
            {
                var key = blob.Name.Substring(_prefix.Length);
                if (key.Length == 0 || key.EndsWith("/", StringComparison.Ordinal)) continue;
                var properties = blob.Properties;
                var md5 = properties.ContentHash is byte[] hash && hash.Length == 16 ? Hex(hash)
                    : blob.Metadata != null && blob.Metadata.TryGetValue(Md5MetadataKey, out var kept) ? kept : null;
                if (md5 != null) _md5s[key] = FromHex(md5);
                var stamp = blob.Metadata != null && blob.Metadata.TryGetValue(StampMetadataKey, out var written) ? written : null;
                listed.Add(new StoredObject(key, properties.ContentLength ?? 0, md5, HeadersOf(properties), properties.LastModified?.UtcDateTime, sourceStamp: stamp));
            }
            return listed.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        }

        private static IReadOnlyDictionary<string, string> HeadersOf(BlobItemProperties properties)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) headers[name] = value!; }
            Add("Cache-Control", properties.CacheControl);
            Add("Content-Type", properties.ContentType);
            Add("Content-Encoding", properties.ContentEncoding);
            Add("Content-Disposition", properties.ContentDisposition);
            Add("Content-Language", properties.ContentLanguage);
            return headers;
        }

        public void Put(StorePut put, CancellationToken cancellation)
        {
            var md5 = FromHex(put.Md5);
            var options = new BlobUploadOptions
            {
                HttpHeaders = HttpHeaders(put.Headers, md5),
                Metadata = Metadata(put),
                TransferOptions = new StorageTransferOptions
                {
                    InitialTransferSize = _options.BlockThreshold,
                    MaximumTransferSize = _options.BlockSize,
                    MaximumConcurrency = _options.BlockConcurrency,
                },
            };
            using (var content = put.Content.OpenRead())
                _container.GetBlobClient(_prefix + put.Key).Upload(content, options, cancellation);
            _md5s[put.Key] = md5;
        }

        private static Dictionary<string, string> Metadata(StorePut put)
        {
            var metadata = new Dictionary<string, string> { [Md5MetadataKey] = put.Md5.ToLowerInvariant() };
            if (put.SourceStamp != null) metadata[StampMetadataKey] = put.SourceStamp;
            return metadata;
        }

        public void UpdateHeaders(string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation)
        {
            _md5s.TryGetValue(key, out var md5);
            _container.GetBlobClient(_prefix + key).SetHttpHeaders(HttpHeaders(headers, md5), cancellationToken: cancellation);
        }

        private static BlobHttpHeaders HttpHeaders(IReadOnlyDictionary<string, string> headers, byte[]? md5)
        {
            string? Get(string name) => headers.TryGetValue(name, out var value) ? value : null;
            return new BlobHttpHeaders
            {
                ContentType = Get("Content-Type"),
                CacheControl = Get("Cache-Control"),
                ContentEncoding = Get("Content-Encoding"),
                ContentDisposition = Get("Content-Disposition"),
                ContentLanguage = Get("Content-Language"),
                ContentHash = md5,
            };
        }

        /// <summary>Batch requests the service answered.</summary>
        internal int DeleteBatchesSent => _batch.BatchesSent;

        /// <summary>
        /// Deletes in Blob Batch requests of up to 256, a few at once; what a batch could not settle is deleted one
        /// by one. A key that is not there is not an error, and the keys that failed are named.
        /// </summary>
        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            var failures = new ConcurrentDictionary<string, Exception>(StringComparer.Ordinal);
            var oneByOne = new ConcurrentBag<string>();
            var batches = keys.Select((key, i) => (key, i)).GroupBy(k => k.i / BlobBatchMessage.MaxSubRequests, k => _prefix + k.key).Select(g => g.ToList()).ToList();
            Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = BatchConcurrency, CancellationToken = cancellation }, names =>
            {
                var outcome = _batch.Delete(names, cancellation);
                foreach (var name in outcome.Deleted) _md5s.TryRemove(KeyOf(name), out _);
                foreach (var name in outcome.OneByOne) oneByOne.Add(name);
                foreach (var failed in outcome.Failures) failures[KeyOf(failed.Key)] = failed.Value;
            });
            Parallel.ForEach(oneByOne, new ParallelOptions { MaxDegreeOfParallelism = DeleteConcurrency, CancellationToken = cancellation }, name =>
            {
                try
                {
                    _container.GetBlobClient(name).DeleteIfExists(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellation);
                    _md5s.TryRemove(KeyOf(name), out _);
                }
                catch (RequestFailedException e) { failures[KeyOf(name)] = e; }
            });
            if (failures.Count > 0) throw new StoreDeleteException(failures.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
        }

        private string KeyOf(string blobName) => blobName.Substring(_prefix.Length);

        public Uri UrlFor(string key)
        {
            if (!string.IsNullOrEmpty(_options.PublicBaseUrl)) return new Uri(_options.PublicBaseUrl!.TrimEnd('/') + "/" + MediaKey.ToUrlPath(key));
            // the container's URL without any SAS query
            var container = new UriBuilder(_container.Uri) { Query = "" }.Uri.AbsoluteUri.TrimEnd('/');
            return new Uri(container + "/" + MediaKey.ToUrlPath(_prefix + key));
        }

        private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

        private static byte[] FromHex(string hex) =>
            Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray();
    }
}
