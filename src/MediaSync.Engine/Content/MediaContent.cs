using System;
using System.IO;

namespace MediaSync.Content
{
    /// <summary>
    /// Where a <see cref="MediaFile"/>'s bytes come from. Discovered files read their source file;
    /// processed files (later stages) hold new bytes in memory or in a temp file.
    /// </summary>
    public abstract class MediaContent
    {
        /// <summary>Processed content this large or larger is held in a temp file, not in memory (8 MiB).</summary>
        public const long SpillThreshold = 8L << 20;

        /// <summary>New bytes as content: in memory when small, in a temp file from <see cref="SpillThreshold"/> up.</summary>
        public static MediaContent FromBytes(byte[] bytes) =>
            (bytes ?? throw new ArgumentNullException(nameof(bytes))).LongLength >= SpillThreshold ? TempFileContent.Write(bytes) : new MemoryContent(bytes);

        /// <summary>
        /// A scratch file's bytes as content, taking the file over: small ones are read into memory and the file is
        /// deleted; from <see cref="SpillThreshold"/> up the file itself becomes the temp file, neither read nor copied.
        /// </summary>
        internal static MediaContent TakeFile(string path)
        {
            var length = new FileInfo(path).Length;
            if (length >= SpillThreshold) return TempFileContent.Adopt(path, length);
            var content = new MemoryContent(File.ReadAllBytes(path));
            File.Delete(path);
            return content;
        }

        /// <summary>Size in bytes as known when the content was captured.</summary>
        public abstract long Length { get; }

        /// <summary>Opens a fresh read-only stream positioned at the start.</summary>
        public abstract Stream OpenRead();

        /// <summary>
        /// The file that holds exactly these bytes, when there is one. Link mode and fast copies
        /// need it; in-memory content returns null.
        /// </summary>
        public virtual string? FilePath => null;

        /// <summary>
        /// The lowercase hex MD5 of these bytes once someone knows it (computed, or vouched for by the processing
        /// cache), so content shared by several MediaFiles is hashed at most once.
        /// </summary>
        internal string? KnownMd5 { get; set; }

        /// <summary>Throws a <see cref="SourceChangedException"/> when the file behind the content is no longer as it was found.</summary>
        public virtual void CheckUnchanged() { }

        public byte[] ReadAllBytes()
        {
            using (var stream = OpenRead())
            using (var buffer = new MemoryStream(Length > 0 && Length < int.MaxValue ? (int)Length : 0))
            {
                stream.CopyTo(buffer);
                return buffer.ToArray();
            }
        }
    }

    /// <summary>Content read straight from a file on disk.</summary>
    public sealed class FileContent : MediaContent
    {
        private readonly long _length;
        private readonly DateTime? _lastWriteTimeUtc;

        /// <summary>The file at <paramref name="path"/>, found with <paramref name="length"/> bytes and, when given, <paramref name="lastWriteTimeUtc"/>, which a later check compares.</summary>
        public FileContent(string path, long length, DateTime? lastWriteTimeUtc = null)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            _length = length;
            _lastWriteTimeUtc = lastWriteTimeUtc;
        }

        public string Path { get; }
        public override long Length => _length;
        public override string? FilePath => Path;

        public override void CheckUnchanged()
        {
            // a link's own FileInfo describes the link; what was found, and what is sent, is its target
            FileInfo? now = new FileInfo(Path);
            if (now.Exists && (now.Attributes & FileAttributes.ReparsePoint) != 0) now = Platform.FileLinks.FollowToFile(Path);
            if (now == null || !now.Exists) throw new SourceChangedException("it is gone");
            if (now.Length != _length || (_lastWriteTimeUtc is DateTime then && now.LastWriteTimeUtc != then))
                throw new SourceChangedException($"it is now {now.Length} bytes, written {now.LastWriteTimeUtc:O}, not {_length} bytes as found");
        }

        public override Stream OpenRead() =>
            new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.SequentialScan);
    }

    /// <summary>Content held in memory (small processed outputs).</summary>
    public sealed class MemoryContent : MediaContent
    {
        private readonly byte[] _bytes;

        public MemoryContent(byte[] bytes) => _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

        public override long Length => _bytes.Length;
        public override Stream OpenRead() => new MemoryStream(_bytes, writable: false);
    }
}
