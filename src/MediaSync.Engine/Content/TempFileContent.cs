using System;
using System.Collections.Concurrent;
using System.IO;

namespace MediaSync.Content
{
    /// <summary>
    /// Processed content of <see cref="MediaContent.SpillThreshold"/> bytes or more, held in a temp file instead of
    /// memory, so a run over many large files (gzip and brotli twins of videos, say) keeps only small ones in memory.
    /// The file is deleted when the content is no longer reachable (its finalizer), or when the process exits: a
    /// script may keep its files in a variable after the pipeline that made them has ended.
    /// </summary>
    public sealed class TempFileContent : MediaContent
    {
        private static readonly ConcurrentDictionary<string, byte> Live = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private readonly long _length;

        static TempFileContent() => AppDomain.CurrentDomain.ProcessExit += (_, __) => { foreach (var path in Live.Keys) TryDelete(path); };

        private TempFileContent(string path, long length)
        {
            TempPath = path;
            _length = length;
        }

        /// <summary>Writes <paramref name="bytes"/> to a new temp file.</summary>
        public static TempFileContent Write(byte[] bytes)
        {
            var path = NewPath();
            Live[path] = 0;
            try { File.WriteAllBytes(path, bytes); }
            catch
            {
                Live.TryRemove(path, out _);
                TryDelete(path);
                throw;
            }
            return new TempFileContent(path, bytes.Length);
        }

        /// <summary>Moves a scratch file of <paramref name="length"/> bytes into a temp file of its own, with no copy on the same volume.</summary>
        internal static TempFileContent Adopt(string path, long length)
        {
            var temp = NewPath();
            Live[temp] = 0;
            try { File.Move(path, temp); }
            catch
            {
                Live.TryRemove(temp, out _);
                throw;
            }
            return new TempFileContent(temp, length);
        }

        private static string NewPath() => Path.Combine(Path.GetTempPath(), "mediasync-" + Platform.TempFolder.RandomName() + ".tmp");

        /// <summary>The scratch file; it is not a source file, so <see cref="MediaContent.FilePath"/> stays null and Link mode never links to it.</summary>
        public string TempPath { get; }

        public override long Length => _length;

        public override Stream OpenRead() =>
            new FileStream(TempPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.SequentialScan);

        ~TempFileContent()
        {
            if (Live.TryRemove(TempPath, out _)) TryDelete(TempPath);
        }

        private static void TryDelete(string path)
        {
            try { File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
