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

        /// <summary>Whether <paramref name="stamp"/> is <paramref name="file"/>'s stamp, read without making the file's (a comparison per file of a big tree).</summary>
        public static bool Matches(string? stamp, MediaFile file)
        {
            if (stamp == null || file.Processors.Count != 0 || file.Content.FilePath == null) return false;
            var colon = stamp.IndexOf(':');
            return colon > 0 && Number(stamp, 0, colon) == file.Length && Number(stamp, colon + 1, stamp.Length) == file.LastWriteTimeUtc.Ticks;
        }

        /// <summary>The decimal digits from start to end, or -1 for anything else (no stamp is negative).</summary>
        private static long Number(string text, int start, int end)
        {
            if (end <= start || end - start > 19) return -1;
            long value = 0;
            for (var i = start; i < end; i++)
            {
                var digit = text[i] - '0';
                if (digit < 0 || digit > 9) return -1;
                value = value * 10 + digit;
            }
            return value < 0 ? -1 : value;
        }
    }
}
