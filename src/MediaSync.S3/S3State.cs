using System;
using System.Collections.Generic;
using System.Linq;

namespace MediaSync.Stores
{
    /// <summary>What MediaSync remembers of one object it wrote: its ETag, its headers' digest, its source's stamp, and its MD5 where the ETag is not one.</summary>
    internal sealed class S3StateEntry
    {
        public S3StateEntry(string etag, string headersDigest, string? sourceStamp, string? md5)
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
    /// .mediasync/state.json (gzipped): per key, what MediaSync wrote, so that no object needs a HEAD while it stays
    /// as MediaSync left it. Thread-safe: uploads remember their objects from worker threads.
    /// </summary>
    internal sealed class S3State
    {
        /// <summary>Keys under this folder are MediaSync's own: never listed as media, never orphans.</summary>
        public const string Folder = ".mediasync/";
        public const string Key = Folder + "state.json";

        private readonly object _gate = new object();
        private readonly Dictionary<string, S3StateEntry> _entries;
        private bool _dirty;

        private S3State(Dictionary<string, S3StateEntry> entries) => _entries = entries;

        public static S3State Empty() => new S3State(new Dictionary<string, S3StateEntry>(StringComparer.Ordinal));

        /// <summary>The entry for <paramref name="key"/> while the object still has the ETag MediaSync saw, else null.</summary>
        public S3StateEntry? Vouching(string key, string etag)
        {
            lock (_gate) return _entries.TryGetValue(key, out var entry) && entry.ETag == etag ? entry : null;
        }

        public S3StateEntry? Find(string key)
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

        public void Remember(string key, string? etag, IReadOnlyDictionary<string, string> headers, string? stamp, string? md5)
        {
            var bare = S3ETag.Bare(etag);
            // A single-part ETag is the MD5 already; keep the state small.
            var entry = new S3StateEntry(bare, HeaderDigest.Of(headers), stamp, S3ETag.Md5(bare) != null ? null : md5);
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
                foreach (var key in keys) _entries.Remove(key);
                _dirty = true;
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
        public static S3State Unpack(byte[]? bytes)
        {
            var entries = new Dictionary<string, S3StateEntry>(StringComparer.Ordinal);
            if (bytes == null) return new S3State(entries);
            try
            {
                using (var document = System.Text.Json.JsonDocument.Parse(Gunzip(bytes)))
                {
                    string? Optional(System.Text.Json.JsonElement entry, string name) => entry.TryGetProperty(name, out var value) ? value.GetString() : null;
                    foreach (var entry in document.RootElement.GetProperty("objects").EnumerateObject())
                        entries[entry.Name] = new S3StateEntry(entry.Value.GetProperty("etag").GetString() ?? "", entry.Value.GetProperty("headers").GetString() ?? "",
                            Optional(entry.Value, "source"), Optional(entry.Value, "md5"));
                }
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is System.IO.InvalidDataException)
            {
                entries.Clear();
            }
            return new S3State(entries);
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
    }
}
