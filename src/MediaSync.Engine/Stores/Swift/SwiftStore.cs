using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// An OpenStack Swift container (the ancestor's Rackspace Cloud Files; Ceph RGW speaks it too) as a store. The
    /// listing gives each object's ETag, which is its MD5 for plain objects; MediaSync remembers what it wrote in
    /// .mediasync/state.json (headers' digest, source stamp), as for S3, so a no-op sync needs no HEAD. Headers are
    /// fixed with POST, without an upload; objects of 16 MiB and more go up as static large objects, whose segments
    /// live under .mediasync/segments/; deletes use bulk-delete where the server offers it.
    /// </summary>
    public sealed class SwiftStore : IHeaderUpdatingStore, IPublicUrlStore, IStatefulStore, IShardedStateStore, IDeclaresKeptHeaders, IKeyLimitedStore, IDisposable
    {
        public const string Md5Header = "X-Object-Meta-Mediasync-Md5";
        private const string SegmentFolder = StoreState.Folder + "segments/";
        private const string EmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";
        private static readonly string[] Kept = { "Cache-Control", "Content-Type", "Content-Encoding", "Content-Disposition", "X-Object-Meta-*" };

        private readonly SwiftStoreOptions _options;
        private readonly SwiftClient _client;
        private readonly string _prefix;
        private StoreState _state = StoreState.Empty();
        /// <summary>The state file: state.json, or a shard's own.</summary>
        public string StateKey { get; set; } = StoreState.Key;

        public SwiftStore(SwiftStoreOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(options.Container)) throw new MediaSyncException(Errors.ConflictingArguments("A Swift store needs a container."));
            _client = new SwiftClient(options);
            _prefix = options.Prefix.Trim('/').Length == 0 ? "" : options.Prefix.Trim('/') + "/";
            Name = $"swift://{options.Container}/{_prefix}";
        }

        public string Name { get; }

        string? IKeyLimitedStore.RefuseKey(string key) => KeyLimits.TooManyBytes(_prefix + key, "Swift");
        public bool KeepsHeaders => true;
        public bool CanDelete => true;
        public IReadOnlyList<string> KeptHeaders => Kept;

        private string PathOf(string name) => "/" + Uri.EscapeDataString(_options.Container) + (name.Length == 0 ? "" : "/" + MediaKey.ToUrlPath(name));

        /// <summary>Creates the container if it is not there; with <paramref name="publicRead"/> anyone may read its objects by URL.</summary>
        public void EnsureContainer(bool publicRead = false)
        {
            using var _ = _client.Send(PathOf(""), url =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, url);
                if (publicRead) request.Headers.Add("X-Container-Read", ".r:*,.rlistings");
                return request;
            }, CancellationToken.None);
        }

        public IEnumerable<StoredObject> List(CancellationToken cancellation)
        {
            _state = LoadState(cancellation);
            var listed = new List<StoredObject>();
            foreach (var item in Pages(_prefix, cancellation))
            {
                var name = item.GetProperty("name").GetString()!;
                var key = name.Substring(_prefix.Length);
                if (key.StartsWith(StoreState.Folder, StringComparison.Ordinal) || key.Length == 0) continue;
                var etag = ETags.Bare(item.GetProperty("hash").GetString());
                var size = item.GetProperty("bytes").GetInt64();
                if (etag == EmptyMd5 && size > 0)
                {
                    // Ceph RGW lists a large object as its manifest (the empty MD5, the manifest's size): a HEAD tells the object
                    using var head = _client.Send(PathOf(name), url => new HttpRequestMessage(HttpMethod.Head, url), cancellation);
                    etag = ETags.Bare(head.Headers.ETag?.Tag);
                    size = head.Content.Headers.ContentLength ?? size;
                }
                var remembered = _state.Vouching(key, etag);
                // what MediaSync remembers first: a large object's ETag looks like an MD5 and is not the content's
                var md5 = remembered?.Md5 ?? ETags.Md5(etag);
                listed.Add(new StoredObject(key, size, md5,
                    lastModifiedUtc: DateTime.TryParse(item.GetProperty("last_modified").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when) ? when : (DateTime?)null,
                    md5OnDemand: md5 == null ? () => Head(key, cancellation).Md5 : (Func<string?>?)null,
                    headersOnDemand: () => Head(key, cancellation).Headers,
                    headersDigest: remembered?.HeadersDigest, sourceStamp: remembered?.SourceStamp));
            }
            return listed.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        }

        private (string? Md5, IReadOnlyDictionary<string, string> Headers) Head(string key, CancellationToken cancellation)
        {
            using var response = _client.Send(PathOf(_prefix + key), url => new HttpRequestMessage(HttpMethod.Head, url), cancellation);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers.Concat(response.Content.Headers))
                if (Stores.KeptHeaders.Keeps(Kept, header.Key))
                    headers[header.Key] = string.Join(",", header.Value);
            headers.TryGetValue(Md5Header, out var md5);
            headers.Remove(Md5Header);
            return (md5, headers);
        }

        public void Put(StorePut put, CancellationToken cancellation)
        {
            string etag;
            var large = put.Length >= _options.SegmentThreshold;
            if (large) etag = PutLarge(put, cancellation);
            else
            {
                using var response = _client.Send(PathOf(_prefix + put.Key), url => WithHeaders(new HttpRequestMessage(HttpMethod.Put, url)
                {
                    Content = Body(put.Content.OpenRead(), put.Length),
                }, put.Headers, put.Md5, etag: put.Md5), cancellation);
                etag = put.Md5;
            }
            _state.Remember(put.Key, etag, put.Headers, put.SourceStamp, put.Md5, etagIsNotMd5: large);
        }

        /// <summary>A static large object: segments first, then the manifest; older segments of the key go afterwards.</summary>
        private string PutLarge(StorePut put, CancellationToken cancellation)
        {
            var folder = SegmentFolder + put.Key + "/" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture) + "/";
            var segments = new List<object>();
            using (var content = put.Content.OpenRead())
            {
                var buffer = new byte[_options.SegmentSize];
                for (var index = 0; ; index++)
                {
                    var read = 0;
                    for (int n; read < buffer.Length && (n = content.Read(buffer, read, buffer.Length - read)) > 0;) read += n;
                    if (read == 0) break;
                    var name = folder + index.ToString("D6", CultureInfo.InvariantCulture);
                    var bytes = buffer.Take(read).ToArray();
                    var md5 = ContentHash.Md5Hex(bytes);
                    using (_client.Send(PathOf(_prefix + name), url => new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) }, cancellation)) { }
                    segments.Add(new { path = "/" + _options.Container + "/" + _prefix + name, etag = md5, size_bytes = read });
                    if (read < buffer.Length) break;
                }
            }
            var manifest = JsonSerializer.Serialize(segments);
            string etag;
            using (var response = _client.Send(PathOf(_prefix + put.Key) + "?multipart-manifest=put", url => WithHeaders(new HttpRequestMessage(HttpMethod.Put, url)
            {
                Content = new StringContent(manifest, Encoding.UTF8),
            }, put.Headers, put.Md5, etag: null), cancellation))
                etag = ETags.Bare(response.Headers.ETag?.Tag);
            var stale = ListNames(SegmentFolder + put.Key + "/", cancellation).Where(n => !n.StartsWith(folder, StringComparison.Ordinal)).ToList();
            if (stale.Count > 0) DeleteNames(stale, cancellation);
            return etag;
        }

        private static HttpRequestMessage WithHeaders(HttpRequestMessage request, IReadOnlyDictionary<string, string> headers, string md5, string? etag)
        {
            foreach (var header in headers.Where(h => Stores.KeptHeaders.Keeps(Kept, h.Key)))
            {
                if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content ??= new ByteArrayContent(Array.Empty<byte>());
                    request.Content.Headers.Remove(header.Key);
                    request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                else request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            request.Headers.TryAddWithoutValidation(Md5Header, md5);
            // Swift checks the body against it, so a corrupted upload is refused rather than stored
            if (etag != null) request.Headers.TryAddWithoutValidation("ETag", etag);
            return request;
        }

        private static HttpContent Body(Stream stream, long length)
        {
            var content = new StreamContent(stream);
            content.Headers.ContentLength = length;
            return content;
        }

        public void UpdateHeaders(string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation)
        {
            var entry = _state.Find(key);
            var md5 = entry?.Md5 ?? ETags.Md5(entry?.ETag) ?? Head(key, cancellation).Md5 ?? "";
            using (_client.Send(PathOf(_prefix + key), url => WithHeaders(new HttpRequestMessage(HttpMethod.Post, url), headers, md5, etag: null), cancellation)) { }
            if (entry != null) _state.Remember(key, entry.ETag, headers, entry.SourceStamp, md5, etagIsNotMd5: entry.Md5 != null);
        }

        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            var names = keys.Select(k => _prefix + k).ToList();
            foreach (var key in keys) names.AddRange(ListNames(SegmentFolder + key + "/", cancellation));
            DeleteNames(names, cancellation);
            _state.Forget(keys);
        }

        private List<string> ListNames(string under, CancellationToken cancellation) =>
            Pages(_prefix + under, cancellation).Select(i => i.GetProperty("name").GetString()!).ToList();

        /// <summary>Every listing entry under <paramref name="prefix"/>, page after page until one comes back empty: servers cap a page as they like (Ceph RGW at 1,000).</summary>
        private IEnumerable<JsonElement> Pages(string prefix, CancellationToken cancellation)
        {
            var marker = "";
            while (true)
            {
                var query = "?format=json&limit=10000&prefix=" + Uri.EscapeDataString(prefix) + (marker.Length > 0 ? "&marker=" + Uri.EscapeDataString(marker) : "");
                List<JsonElement> page;
                using (var response = _client.Send(PathOf("") + query, url => new HttpRequestMessage(HttpMethod.Get, url), cancellation))
                using (var document = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()))
                    page = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
                if (page.Count == 0) yield break;
                foreach (var item in page) yield return item;
                marker = page[page.Count - 1].GetProperty("name").GetString()!;
            }
        }

        /// <summary>Bulk-delete, 1,000 at a time; one by one where the server has no bulk-delete. A name that is not there is not an error.</summary>
        private void DeleteNames(IReadOnlyList<string> names, CancellationToken cancellation)
        {
            foreach (var batch in names.Select((n, i) => (n, i)).GroupBy(x => x.i / 1000, x => x.n))
            {
                var body = string.Join("\n", batch.Select(n => Uri.EscapeDataString(_options.Container) + "/" + MediaKey.ToUrlPath(n)));
                using var response = _client.Send("/?bulk-delete", url => new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "text/plain"),
                    Headers = { { "Accept", "application/json" } },
                }, cancellation, HttpStatusCode.NotFound, HttpStatusCode.NotImplemented, HttpStatusCode.MethodNotAllowed);
                if (response.IsSuccessStatusCode)
                {
                    using var result = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                    if (result.RootElement.TryGetProperty("Errors", out var errors) && errors.GetArrayLength() > 0)
                        throw new SwiftException(HttpStatusCode.Conflict, "bulk-delete failed for " + errors[0][0].GetString());
                    continue;
                }
                foreach (var name in batch)
                    using (_client.Send(PathOf(name), url => new HttpRequestMessage(HttpMethod.Delete, url), cancellation, HttpStatusCode.NotFound)) { }
            }
        }

        public void Confirm(string key, IReadOnlyDictionary<string, string> headers, string? sourceStamp, string? md5) =>
            _state.Remember(key, md5, headers, sourceStamp, md5);

        public void SaveState(CancellationToken cancellation)
        {
            if (!_state.Dirty) return;
            var packed = _state.Pack();
            using (_client.Send(PathOf(_prefix + StateKey), url => new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(packed) }, cancellation)) { }
        }

        private StoreState LoadState(CancellationToken cancellation)
        {
            using var response = _client.Send(PathOf(_prefix + StateKey), url => new HttpRequestMessage(HttpMethod.Get, url), cancellation, HttpStatusCode.NotFound);
            return StoreState.Unpack(response.IsSuccessStatusCode ? response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult() : null);
        }

        public Uri UrlFor(string key) =>
            new Uri(!string.IsNullOrEmpty(_options.PublicBaseUrl) ? _options.PublicBaseUrl!.TrimEnd('/') + "/" + MediaKey.ToUrlPath(key)
                : _client.StorageUrl(CancellationToken.None) + PathOf(_prefix + key));

        public void Dispose() => _client.Dispose();
    }
}
