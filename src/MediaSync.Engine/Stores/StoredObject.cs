using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;

namespace MediaSync.Stores
{
    /// <summary>
    /// What a store fetches for one of its listed objects when first asked (an MD5, headers): one instance per store,
    /// so a listing of 100,000 objects holds no closure, delegate or Lazy per object.
    /// </summary>
    internal interface IStoredObjectDetails
    {
        string? Md5(StoredObject stored);
        IReadOnlyDictionary<string, string> Headers(StoredObject stored);
    }

    /// <summary>One object as a store lists it.</summary>
    public sealed class StoredObject
    {
        // Striped, so that an object carries no lock of its own; contention is only ever between a few workers.
        private static readonly object[] Gates = NewGates(64);

        private readonly Func<string?>? _md5;
        private readonly Func<IReadOnlyDictionary<string, string>>? _headersOnDemand;
        private readonly IStoredObjectDetails? _details;
        private IReadOnlyDictionary<string, string>? _headers;
        private ExceptionDispatchInfo? _headersFailure;
        private string? _md5Value;
        private bool _md5Known;

        /// <summary>
        /// An object with its MD5 and headers from the listing, or (when null) fetched by md5OnDemand and
        /// headersOnDemand on first use: a listing rarely carries everything, and most objects never need the rest.
        /// </summary>
        public StoredObject(string key, long size, string? md5, IReadOnlyDictionary<string, string>? headers = null,
            DateTime? lastModifiedUtc = null, Func<string?>? md5OnDemand = null, Func<IReadOnlyDictionary<string, string>>? headersOnDemand = null,
            string? headersDigest = null, string? sourceStamp = null)
        {
            HeadersDigest = headersDigest;
            _sourceStamp = sourceStamp;
            Key = MediaKey.Require(key);
            Size = size;
            _md5Value = md5;
            _md5Known = md5 != null || md5OnDemand == null;
            _md5 = md5OnDemand;
            _headers = headers ?? (headersOnDemand == null ? EmptyHeaders : null);
            _headersOnDemand = headersOnDemand;
            LastModifiedUtc = lastModifiedUtc;
        }

        /// <summary>An object whose missing MD5 (when <paramref name="md5"/> is null) and headers <paramref name="details"/> fetches on first use.</summary>
        /// <paramref name="stampIsOwn"/>: the object's own size and write time are the stamp of its source (a folder keeps
        /// the source's write time), so no stamp string is kept for it.
        internal StoredObject(string key, long size, string? md5, IStoredObjectDetails details, DateTime? lastModifiedUtc = null,
            string? headersDigest = null, string? sourceStamp = null, bool stampIsOwn = false)
            : this(key, size, md5, lastModifiedUtc: lastModifiedUtc, headersDigest: headersDigest, sourceStamp: sourceStamp)
        {
            _details = details ?? throw new ArgumentNullException(nameof(details));
            _stampIsOwn = stampIsOwn && lastModifiedUtc != null;
            _md5Known = md5 != null;
            _headers = null;
        }

        internal static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string Key { get; }
        public long Size { get; }

        /// <summary>The headers, from the listing or fetched once on first use; a failed fetch is kept and thrown again on every read.</summary>
        public IReadOnlyDictionary<string, string> Headers
        {
            get
            {
                var headers = _headers;
                if (headers != null) return headers;
                lock (Gate)
                {
                    _headersFailure?.Throw();
                    if (_headers != null) return _headers;
                    try { return _headers = _details != null ? _details.Headers(this) : _headersOnDemand!(); }
                    catch (Exception e)
                    {
                        _headersFailure = ExceptionDispatchInfo.Capture(e);
                        throw;
                    }
                }
            }
        }

        /// <summary>
        /// <see cref="Stores.HeaderDigest"/> of the headers MediaSync last wrote, when the store remembers it; then
        /// header drift is checked without reading <see cref="Headers"/>.
        /// </summary>
        public string? HeadersDigest { get; }

        /// <summary>
        /// The size and write time of the local file this object was uploaded from, when the store remembers it
        /// (<see cref="SourceStamp.Of(MediaFile)"/>). An unchanged stamp spares reading the file again, as rsync's quick check does.
        /// </summary>
        public string? SourceStamp => _sourceStamp ?? (_stampIsOwn ? Stores.SourceStamp.Of(Size, LastModifiedUtc!.Value) : null);

        private readonly string? _sourceStamp;
        private readonly bool _stampIsOwn;

        /// <summary>Whether <see cref="SourceStamp"/> is <paramref name="file"/>'s: the file is as it was when this object was written from it.</summary>
        internal bool StampMatches(MediaFile file) =>
            _stampIsOwn ? file.Processors.Count == 0 && file.Content.FilePath != null && file.Length == Size && file.LastWriteTimeUtc.Ticks == LastModifiedUtc!.Value.Ticks
            : Stores.SourceStamp.Matches(_sourceStamp, file);

        public DateTime? LastModifiedUtc { get; }

        /// <summary>The content MD5, read from the listing or computed on first use (a folder reads the file only when asked).</summary>
        public string? Md5
        {
            get
            {
                if (!_md5Known)
                {
                    _md5Value = _details != null ? _details.Md5(this) : _md5!();
                    _md5Known = true;
                }
                return _md5Value;
            }
        }

        /// <summary>What a store's <see cref="IStoredObjectDetails"/> keeps of this object once fetched (an S3 HEAD); null until then.</summary>
        internal object? Fetched { get; set; }

        /// <summary>The lock shared by this object's on-demand fetches.</summary>
        internal object Gate => Gates[(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this) & int.MaxValue) % Gates.Length];

        /// <summary>What sits at the key: a folder lists files and links, and reports a folder found where a file should go.</summary>
        internal Platform.EntryKind Kind { get; set; } = Platform.EntryKind.File;

        /// <summary>A read-only file, which a publish reports rather than replaces.</summary>
        internal bool ReadOnly { get; set; }

        public override string ToString() => Key;

        /// <summary>
        /// Fetches what the listing lacked (MD5, and headers where the store keeps them), so that a plan that reads
        /// them makes no request. A failure is kept, and met again where the value is read.
        /// </summary>
        internal static void Resolve(StoredObject stored, bool headers)
        {
            try
            {
                _ = stored.Md5;
                if (headers && stored.HeadersDigest == null) _ = stored.Headers;
            }
            catch (Exception e) when (!(e is OperationCanceledException)) { }
        }

        private static object[] NewGates(int count)
        {
            var gates = new object[count];
            for (var i = 0; i < count; i++) gates[i] = new object();
            return gates;
        }
    }
}
