using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using MediaSync.Content;

namespace MediaSync
{
    /// <summary>How a file changed since a git revision (Get-MediaFile -ChangedSince).</summary>
    public enum MediaChange { Added, Modified, Deleted }

    /// <summary>
    /// The typed object every MediaSync cmdlet passes along: one media file under its key.
    /// Later stages derive new MediaFiles (processed content) from it; the key and origin stay.
    /// </summary>
    public sealed class MediaFile
    {
        /// <summary>The Source value of files found in a project media root.</summary>
        public const string ProjectSource = "(project)";

        // Striped, so that a file carries no lock of its own: a million files would hold a million of them.
        private static readonly object[] HashLocks = Enumerable.Range(0, 64).Select(_ => new object()).ToArray();

        public MediaFile(string relativePath, string fullName, string source, string sourceRoot,
            MediaContent content, DateTime lastWriteTimeUtc, IReadOnlyList<MediaCandidate>? overrides = null,
            bool isOverridden = false, string? contentType = null)
        {
            RelativePath = MediaKey.Require(relativePath);
            FullName = fullName ?? throw new ArgumentNullException(nameof(fullName));
            Source = source ?? throw new ArgumentNullException(nameof(source));
            SourceRoot = sourceRoot ?? throw new ArgumentNullException(nameof(sourceRoot));
            Content = content ?? throw new ArgumentNullException(nameof(content));
            LastWriteTimeUtc = DateTime.SpecifyKind(lastWriteTimeUtc, DateTimeKind.Utc);
            Overrides = overrides ?? Array.Empty<MediaCandidate>();
            IsOverridden = isOverridden;
            ContentType = contentType ?? ContentTypes.ForPath(relativePath);
            Original = this;
        }

        /// <summary>
        /// A file that was deleted since a git revision: it has no content, and publishing with -Delete removes its key
        /// from the destination.
        /// </summary>
        public static MediaFile Deletion(string relativePath, string fullName, string source, string sourceRoot) =>
            new MediaFile(relativePath, fullName, source, sourceRoot, new MemoryContent(Array.Empty<byte>()), DateTime.UtcNow) { Action = MediaChange.Deleted };

        /// <summary>With Get-MediaFile -ChangedSince, how the file changed since the revision; null for files found whole.</summary>
        public MediaChange? Action { get; internal set; }

        /// <summary>True for a file deleted since the revision (<see cref="Action"/> is Deleted).</summary>
        public bool Deleted => Action == MediaChange.Deleted;

        /// <summary>The key: forward slashes, relative, never containing '..'.</summary>
        public string RelativePath { get; }

        /// <summary>The source file this media came from.</summary>
        public string FullName { get; }

        /// <summary><c>(project)</c> or the name of the app that supplied the file.</summary>
        public string Source { get; }

        /// <summary>The folder <see cref="RelativePath"/> is relative to.</summary>
        public string SourceRoot { get; }

        /// <summary>Candidates with the same key that this file shadows, in precedence order.</summary>
        public IReadOnlyList<MediaCandidate> Overrides { get; }

        /// <summary>True for a shadowed candidate listed by <c>Get-MediaFile -All</c>; such files are not published.</summary>
        public bool IsOverridden { get; }

        public long Length => Content.Length;
        public DateTime LastWriteTimeUtc { get; }
        public string ContentType { get; }
        public MediaContent Content { get; }

        /// <summary>
        /// Lowercase hex MD5 of the content: the change-detection hash that also matches S3 ETags.
        /// Computed on first use, once.
        /// </summary>
        public string Hash
        {
            get
            {
                // kept on the content, which files derived from this one share, so it is hashed at most once
                var known = Content.KnownMd5;
                if (known != null) return known;
                lock (HashLocks[(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this) & int.MaxValue) % HashLocks.Length])
                {
                    known = Content.KnownMd5;
                    if (known == null)
                        using (var stream = Content.OpenRead())
                            Content.KnownMd5 = known = ContentHash.Md5Hex(stream);
                    return known;
                }
            }
        }

        /// <summary>True when the hash was already computed; asking does not compute it.</summary>
        public bool HasHash => Content.KnownMd5 != null;

        /// <summary>The processing steps that produced this content, in order; empty for a file as found.</summary>
        public IReadOnlyList<string> Processors { get; private set; } = Array.Empty<string>();

        /// <summary>The file as discovered, before any processing (this file itself when unprocessed).</summary>
        public MediaFile Original { get; private set; } = null!;

        /// <summary>The key this file is known by before renaming steps (fingerprints); the manifest's lookup key.</summary>
        public string LogicalPath => Original.RelativePath;

        /// <summary>Hash of the content as discovered, before processing.</summary>
        public string OriginalHash => Original.Hash;

        /// <summary>For a bundle, the keys of its members in order; empty otherwise.</summary>
        public IReadOnlyList<string> Members { get; internal set; } = Array.Empty<string>();

        /// <summary>gzip or br for a compressed variant; null for plain content.</summary>
        public string? ContentEncoding { get; private set; }

        /// <summary>For a compressed variant, the key of the file it compresses.</summary>
        public string? VariantOf { get; private set; }

        /// <summary>
        /// A compressed twin of this file under <paramref name="key"/>: same Content-Type, with a Content-Encoding.
        /// </summary>
        public MediaFile DeriveVariant(MediaContent content, string processor, string key, string contentEncoding)
        {
            var variant = Successor(key, content, processor, ContentType);
            variant.ContentEncoding = contentEncoding;
            variant.VariantOf = RelativePath;
            return variant;
        }

        /// <summary>
        /// A new MediaFile with processed content: same origin, the step added to <see cref="Processors"/>,
        /// and a new key when the step renames the file.
        /// </summary>
        public MediaFile Derive(MediaContent content, string processor, string? newKey = null) =>
            Successor(newKey ?? RelativePath, content, processor, newKey == null ? ContentType : null);

        /// <summary>A file a step writes beside this one (its source map): a new origin, named by its own key, the step recorded.</summary>
        internal MediaFile DeriveCompanion(string key, MediaContent content, string processor) =>
            new MediaFile(key, System.IO.Path.Combine(System.IO.Path.GetDirectoryName(FullName) ?? "", System.IO.Path.GetFileName(key)), Source, SourceRoot, content, LastWriteTimeUtc)
            {
                Processors = new[] { processor },
                Action = Action,
            };

        /// <summary>A processed file as the processing cache recorded it: the steps, key, type and content a run gave <paramref name="original"/>.</summary>
        internal static MediaFile Restore(MediaFile original, string key, MediaContent content, IReadOnlyList<string> processors, string contentType,
            string? contentEncoding, string? variantOf, IReadOnlyList<string> members, bool isManifest)
        {
            var file = original.Successor(key, content, "", contentType);
            file.Processors = processors;
            file.Members = members;
            file.ContentEncoding = contentEncoding;
            file.VariantOf = variantOf;
            file.IsManifest = isManifest;
            return file;
        }

        /// <summary>The next step's file: same origin and members, the step added, a content type from the key unless given.</summary>
        private MediaFile Successor(string key, MediaContent content, string processor, string? contentType) =>
            new MediaFile(key, FullName, Source, SourceRoot, content, LastWriteTimeUtc, Overrides, isOverridden: false, contentType: contentType)
            {
                Processors = Processors.Concat(new[] { processor }).ToArray(),
                Original = Original,
                Members = Members,
                Action = Action,
                MissingSources = MissingSources,
                SkippedLinks = SkippedLinks,
            };

        /// <summary>
        /// True when the current content is not the file at <see cref="FullName"/>: processed, joined, compressed or
        /// generated. Read it with <see cref="ReadAllBytes"/> or <see cref="ReadAllText"/>, not from FullName.
        /// </summary>
        public bool InMemory => Content.FilePath == null || !string.Equals(Content.FilePath, FullName, StringComparison.Ordinal);

        /// <summary>The current content's bytes: what Publish-Media would write, after every processing step.</summary>
        public byte[] ReadAllBytes() => Content.ReadAllBytes();

        /// <summary>The current content as text (UTF-8, a byte-order mark honoured).</summary>
        public string ReadAllText()
        {
            using (var reader = new StreamReader(Content.OpenRead(), new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
                return reader.ReadToEnd();
        }

        /// <summary>
        /// Roots or apps named to the discovery that found this file but missing then. A publisher refuses -Delete
        /// for such input: what the missing sources held would look like orphans.
        /// </summary>
        public IReadOnlyList<string> MissingSources { get; internal set; } = Array.Empty<string>();

        /// <summary>
        /// The keys of links the discovery that found this file skipped, as leading outside their root. A publisher's
        /// -Delete keeps what a destination holds under them: the link was not removed, only not followed.
        /// </summary>
        public IReadOnlyList<string> SkippedLinks { get; internal set; } = Array.Empty<string>();

        /// <summary>True for a manifest written by Export-MediaManifest and passed on to be published.</summary>
        public bool IsManifest { get; internal set; }

        /// <summary>
        /// Pages and manifests refer to other files, so publishers write them after everything else: a reader never
        /// finds a reference to a file that is not there yet.
        /// </summary>
        public bool PublishesLast => IsManifest || IsPage(RelativePath);

        internal static bool IsPage(string key)
        {
            var extension = Path.GetExtension(key);
            return extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase);
        }

        public override string ToString() => RelativePath;
    }

    /// <summary>A file with the same key in a lower-precedence source.</summary>
    public sealed class MediaCandidate
    {
        public MediaCandidate(string source, string fullName)
        {
            Source = source;
            FullName = fullName;
        }

        public string Source { get; }
        public string FullName { get; }
        public override string ToString() => Source + ": " + FullName;
    }

    internal static class ContentHash
    {
        public static string Md5Hex(Stream stream)
        {
            using (var md5 = MD5.Create())
                return ToHex(md5.ComputeHash(stream));
        }

        public static string Md5Hex(byte[] bytes)
        {
            using (var md5 = MD5.Create())
                return ToHex(md5.ComputeHash(bytes));
        }

        public static string Md5Hex(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.SequentialScan))
                return Md5Hex(stream);
        }

        /// <summary>The bytes a hex digest stands for (Content-MD5 wants them, base64'd).</summary>
        public static byte[] FromHex(string hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (var i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
            return bytes;
        }

        public static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            const string digits = "0123456789abcdef";
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }
    }
}
