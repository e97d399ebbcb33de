using System;
using System.Collections.Generic;
using System.Threading;
using MediaSync.Content;

namespace MediaSync.Stores
{
    /// <summary>
    /// Where published media lives: a folder, an S3 bucket, a store written in PowerShell. Deliberately small:
    /// list, put, delete. Optional abilities are separate interfaces (<see cref="IHeaderUpdatingStore"/>,
    /// <see cref="IPublicUrlStore"/>), so a store implements only what it can do.
    /// </summary>
    public interface IMediaStore
    {
        /// <summary>How the store names itself in messages: a folder path, s3://bucket/prefix, ...</summary>
        string Name { get; }

        /// <summary>Whether the store keeps HTTP headers (Content-Type, Cache-Control, ...); a folder does not.</summary>
        bool KeepsHeaders { get; }

        /// <summary>Whether <see cref="Delete"/> works; a store written in PowerShell may leave it out, and then -Delete is refused.</summary>
        bool CanDelete { get; }

        /// <summary>Everything in the store, in ordinal key order.</summary>
        IEnumerable<StoredObject> List(CancellationToken cancellation);

        /// <summary>Writes one object whole, replacing any object with its key; readers never see half of it.</summary>
        void Put(StorePut put, CancellationToken cancellation);

        /// <summary>Deletes these keys; keys that are not there are not an error.</summary>
        void Delete(IReadOnlyList<string> keys, CancellationToken cancellation);
    }

    /// <summary>A store that can change an object's headers without uploading it again (S3's CopyObject onto itself).</summary>
    public interface IHeaderUpdatingStore : IMediaStore
    {
        void UpdateHeaders(string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancellation);
    }

    /// <summary>
    /// A store that remembers what it wrote between runs (a digest of each object's headers), so that header drift
    /// costs no request per object; <see cref="SaveState"/> persists it at the end of a sync.
    /// </summary>
    public interface IStatefulStore : IMediaStore
    {
        /// <summary>
        /// Records an object found unchanged without the store's memory to vouch for it (another tool wrote it, or the
        /// memory was lost), so that the next sync need not look at it again. <paramref name="md5"/> is the content's
        /// MD5 when it was compared (the object's own, since it is unchanged), else null.
        /// </summary>
        void Confirm(string key, IReadOnlyDictionary<string, string> headers, string? sourceStamp, string? md5);

        void SaveState(CancellationToken cancellation);
    }

    /// <summary>
    /// A store whose every call must come from the thread that runs the publish: a PowerShell scriptblock runs only
    /// on its runspace's thread. Its writes run one at a time on that thread.
    /// </summary>
    public interface ICallerThreadStore : IMediaStore
    {
    }

    /// <summary>
    /// A store that can link an object to a local file instead of copying it (a folder: a symbolic link, or a hard
    /// link where symbolic links are not allowed).
    /// </summary>
    public interface ILinkingStore : IMediaStore
    {
        /// <summary>Whether the object at <paramref name="key"/> already is a link to, or the same file as, <paramref name="sourcePath"/>.</summary>
        bool IsLinkTo(string key, string sourcePath);

        /// <summary>
        /// Links <paramref name="key"/> to <paramref name="sourcePath"/>, replacing a stale link atomically; false, with
        /// the reason, where no link can be made (another file system, no privilege).
        /// </summary>
        bool TryLink(string key, string sourcePath, out Exception? failure);
    }

    /// <summary>A store that knows the public URL its objects are served from.</summary>
    public interface IPublicUrlStore : IMediaStore
    {
        Uri UrlFor(string key);
    }

    /// <summary>One object as a store lists it.</summary>
    public sealed class StoredObject
    {
        private readonly Func<string?>? _md5;
        private readonly Lazy<IReadOnlyDictionary<string, string>> _headers;
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
            SourceStamp = sourceStamp;
            Key = MediaKey.Require(key);
            Size = size;
            _md5Value = md5;
            _md5Known = md5 != null || md5OnDemand == null;
            _md5 = md5OnDemand;
            _headers = headers != null || headersOnDemand == null
                ? new Lazy<IReadOnlyDictionary<string, string>>(() => headers ?? EmptyHeaders)
                : new Lazy<IReadOnlyDictionary<string, string>>(headersOnDemand);
            LastModifiedUtc = lastModifiedUtc;
        }

        internal static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string Key { get; }
        public long Size { get; }
        public IReadOnlyDictionary<string, string> Headers => _headers.Value;

        /// <summary>
        /// <see cref="Stores.HeaderDigest"/> of the headers MediaSync last wrote, when the store remembers it; then
        /// header drift is checked without reading <see cref="Headers"/>.
        /// </summary>
        public string? HeadersDigest { get; }

        /// <summary>
        /// The size and write time of the local file this object was uploaded from, when the store remembers it
        /// (<see cref="SourceStamp.Of(MediaFile)"/>). An unchanged stamp spares reading the file again, as rsync's quick check does.
        /// </summary>
        public string? SourceStamp { get; }
        public DateTime? LastModifiedUtc { get; }

        /// <summary>The content MD5, read from the listing or computed on first use (a folder reads the file only when asked).</summary>
        public string? Md5
        {
            get
            {
                if (!_md5Known)
                {
                    _md5Value = _md5!();
                    _md5Known = true;
                }
                return _md5Value;
            }
        }

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
    }

    /// <summary>One object to write: key, content, its MD5 and the headers it is served with.</summary>
    public sealed class StorePut
    {
        private readonly Lazy<string> _md5;

        public StorePut(string key, MediaContent content, string md5, IReadOnlyDictionary<string, string> headers, string? sourceStamp = null,
            DateTime? lastWriteTimeUtc = null)
            : this(key, content, new Lazy<string>(() => md5), headers, sourceStamp, lastWriteTimeUtc)
        {
            if (md5 == null) throw new ArgumentNullException(nameof(md5));
        }

        /// <summary>With the MD5 computed when a store first asks for it: a folder never does, so copying reads each file once.</summary>
        internal StorePut(string key, MediaContent content, Lazy<string> md5, IReadOnlyDictionary<string, string> headers, string? sourceStamp,
            DateTime? lastWriteTimeUtc)
        {
            SourceStamp = sourceStamp;
            LastWriteTimeUtc = lastWriteTimeUtc;
            Key = MediaKey.Require(key);
            _md5 = md5;
            // what a store reads is checked against what was planned: length, MD5 (once known) and the source's stamp
            Content = new CheckedContent(content ?? throw new ArgumentNullException(nameof(content)), () => _md5.IsValueCreated ? _md5.Value : null);
            Headers = headers ?? throw new ArgumentNullException(nameof(headers));
        }

        public string Key { get; }
        public MediaContent Content { get; }
        public string Md5 => _md5.Value;
        public IReadOnlyDictionary<string, string> Headers { get; }
        /// <summary>The local file's size and write time, for stores that remember it.</summary>
        public string? SourceStamp { get; }

        /// <summary>When the source was last written: a store of files (a folder) keeps it, as Publish-Media -Destination does.</summary>
        public DateTime? LastWriteTimeUtc { get; }

        // For stores written in PowerShell: the usual ways a script wants the content.
        public long Length => Content.Length;
        public string? ContentType => Headers.TryGetValue("Content-Type", out var type) ? type : null;
        /// <summary>The file holding exactly these bytes, or null when they are only in memory (processed content).</summary>
        public string? FilePath => Content.FilePath;
        public byte[] ReadAllBytes() => Content.ReadAllBytes();
        public System.IO.Stream OpenRead() => Content.OpenRead();

        /// <summary>
        /// Writes the content to <paramref name="path"/> atomically (temp file, then rename), creating its folder, with
        /// the source's write time where it is known.
        /// </summary>
        public void WriteTo(string path) => WriteTo(path, CancellationToken.None);

        internal void WriteTo(string path, CancellationToken cancellation)
        {
            var full = System.IO.Path.GetFullPath(path);
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            Platform.AtomicFile.Write(Content, full, LastWriteTimeUtc ?? DateTime.UtcNow, _ => { }, cancellation);
        }
    }

    /// <summary>A file's size and write time as one string; only for content read straight from an unprocessed file.</summary>
    internal static class SourceStamp
    {
        public static string? Of(MediaFile file) =>
            file.Processors.Count == 0 && file.Content.FilePath != null ? Of(file.Length, file.LastWriteTimeUtc) : null;

        public static string Of(long length, DateTime lastWriteTimeUtc) =>
            length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + lastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
