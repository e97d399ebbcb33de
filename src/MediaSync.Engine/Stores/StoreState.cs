using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MediaSync.Stores
{
    /// <summary>What MediaSync remembers of one object it wrote: its ETag, its headers' digest, its source's stamp, and its MD5 where the ETag is not one.</summary>
    internal sealed class StoreStateEntry
    {
        public StoreStateEntry(string etag, string headersDigest, string? sourceStamp, string? md5)
        {
            ETag = etag;
            HeadersDigest = headersDigest;
            SourceStamp = sourceStamp;
            Md5 = md5;
        }

        public string ETag { get; }
        public string HeadersDigest { get; }
        public string? SourceStamp { get; }
        public string? Md5 { get; }
    }

    /// <summary>
    /// A store that keeps a <see cref="StoreState"/>: which file it reads and writes, set before it is listed. A shard
    /// (-Shard i/N) keeps its own, so parts running at once never overwrite each other's.
    /// </summary>
    internal interface IShardedStateStore : IMediaStore
    {
        string StateKey { get; set; }
    }

    /// <summary>
    /// .mediasync/state.json (gzipped) in a bucket or container: per key, what MediaSync wrote, so that no object needs a HEAD while it stays
    /// as MediaSync left it. Thread-safe: uploads remember their objects from worker threads.
    /// </summary>
    internal sealed class StoreState
    {
        /// <summary>Keys under this folder are MediaSync's own: never listed as media, never orphans.</summary>
        public const string Folder = ".mediasync/";
        public const string Key = Folder + "state.json";

        private readonly object _gate = new object();
        private readonly Dictionary<string, StoreStateEntry> _entries;
        private bool _dirty;

        private StoreState(Dictionary<string, StoreStateEntry> entries) => _entries = entries;

        public static StoreState Empty() => new StoreState(new Dictionary<string, StoreStateEntry>(StringComparer.Ordinal));

        /// <summary>The entry for <paramref name="key"/> while the object still has the ETag MediaSync saw, else null.</summary>
        public StoreStateEntry? Vouching(string key, string etag)
        {
            lock (_gate) return _entries.TryGetValue(key, out var entry) && entry.ETag == etag ? entry : null;
        }

        public StoreStateEntry? Find(string key)
        {
            lock (_gate) return _entries.TryGetValue(key, out var entry) ? entry : null;
        }

        public List<string> Keys()
        {
            lock (_gate) return _entries.Keys.ToList();
        }

        public bool Dirty
        {
            get { lock (_gate) return _dirty; }
        }

        /// <summary>
        /// Remembers what was written. <paramref name="etagIsNotMd5"/>: the ETag looks like an MD5 but is not one (a Swift
        /// large object's is the MD5 of its segments' MD5s), so the content's MD5 is kept too.
        /// </summary>
        public void Remember(string key, string? etag, IReadOnlyDictionary<string, string> headers, string? stamp, string? md5, bool etagIsNotMd5 = false)
        {
            var bare = ETags.Bare(etag);
            // A single-part ETag is the MD5 already; keep the state small.
            var entry = new StoreStateEntry(bare, HeaderDigest.Of(headers), stamp, ETags.Md5(bare) != null && !etagIsNotMd5 ? null : md5);
            lock (_gate)
            {
                _entries[key] = entry;
                _dirty = true;
            }
        }

        public void Forget(IEnumerable<string> keys)
        {
            lock (_gate)
            {
                // only a key it held makes it worth saving again
                foreach (var key in keys) _dirty |= _entries.Remove(key);
            }
        }

        /// <summary>The state as stored (gzip, without Content-Encoding, so every client hands back the same bytes); it is no longer dirty.</summary>
        public byte[] Pack()
        {
            lock (_gate)
            {
                // Written by hand: the reflection serializer's cold start costs more than the rest of a small sync's save.
                using (var buffer = new System.IO.MemoryStream())
                {
                    using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("version", 1);
                        writer.WriteStartObject("objects");
                        foreach (var entry in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                        {
                            writer.WriteStartObject(entry.Key);
                            writer.WriteString("etag", entry.Value.ETag);
                            writer.WriteString("headers", entry.Value.HeadersDigest);
                            writer.WriteString("source", entry.Value.SourceStamp);
                            if (entry.Value.Md5 != null) writer.WriteString("md5", entry.Value.Md5);
                            writer.WriteEndObject();
                        }
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }
                    _dirty = false;
                    return Gzip(buffer.ToArray());
                }
            }
        }

        /// <summary>A state from its stored bytes (gzip, or plain JSON as earlier versions wrote it); unreadable bytes give an empty state, which only costs speed.</summary>
        public static StoreState Unpack(byte[]? bytes)
        {
            var entries = new Dictionary<string, StoreStateEntry>(StringComparer.Ordinal);
            if (bytes == null) return new StoreState(entries);
            try { Read(Gunzip(bytes), entries); }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is System.IO.InvalidDataException)
            {
                entries.Clear();
            }
            return new StoreState(entries);
        }

        /// <summary>
        /// Reads {"version":1,"objects":{KEY:{"etag","headers"[,"source"][,"md5"]},...}} token by token: a JsonDocument of a
        /// 100,000-object state rents a 16 MiB index from the shared pool, which keeps it for the rest of the run.
        /// </summary>
        private static void Read(ArraySegment<byte> json, Dictionary<string, StoreStateEntry> entries)
        {
            var reader = new System.Text.Json.Utf8JsonReader(new ReadOnlySpan<byte>(json.Array, json.Offset, json.Count));
            Expect(reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.StartObject);
            var listed = false;
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var objects = reader.ValueTextEquals("objects");
                reader.Read();
                if (!objects)
                {
                    reader.Skip();
                    continue;
                }
                Expect(reader.TokenType == System.Text.Json.JsonTokenType.StartObject);
                listed = true;
                // Most objects share their headers, so their digests are one string each, not one per object.
                var digests = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    Expect(reader.TokenType == System.Text.Json.JsonTokenType.StartObject);
                    string? etag = null, headers = null, source = null, md5 = null;
                    bool hasETag = false, hasHeaders = false;
                    while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                    {
                        var name = reader.ValueTextEquals("etag") ? 1 : reader.ValueTextEquals("headers") ? 2 : reader.ValueTextEquals("source") ? 3 : reader.ValueTextEquals("md5") ? 4 : 0;
                        reader.Read();
                        if (name == 0) reader.Skip();
                        else if (name == 1) (etag, hasETag) = (reader.GetString(), true);
                        else if (name == 2) (headers, hasHeaders) = (reader.GetString(), true);
                        else if (name == 3) source = reader.GetString();
                        else md5 = reader.GetString();
                    }
                    if (!hasETag || !hasHeaders) throw new KeyNotFoundException($"the state of '{key}' lacks its etag or headers");
                    var digest = headers ?? "";
                    if (digests.TryGetValue(digest, out var shared)) digest = shared;
                    else digests[digest] = digest;
                    entries[key] = new StoreStateEntry(etag ?? "", digest, source, md5);
                }
            }
            if (!listed) throw new KeyNotFoundException("the state lists no objects");
        }

        private static void Expect(bool condition)
        {
            if (!condition) throw new InvalidDataException("the state is not the JSON object MediaSync writes");
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

        /// <summary>The plain bytes, in a buffer sized from gzip's own length field, so a big state is not copied while it grows.</summary>
        private static ArraySegment<byte> Gunzip(byte[] bytes)
        {
            if (bytes.Length < 18 || bytes[0] != 0x1f || bytes[1] != 0x8b) return new ArraySegment<byte>(bytes);
            var length = BitConverter.ToInt32(bytes, bytes.Length - 4);
            using (var gzip = new System.IO.Compression.GZipStream(new System.IO.MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress))
            using (var plain = new System.IO.MemoryStream(length > 0 && length < 1 << 30 ? length + 1 : 0))
            {
                gzip.CopyTo(plain);
                return new ArraySegment<byte>(plain.GetBuffer(), 0, (int)plain.Length);
            }
        }
    }
}
