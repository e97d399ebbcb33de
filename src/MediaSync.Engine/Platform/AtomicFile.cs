using System;
using System.IO;
using System.Threading;
using MediaSync.Content;

namespace MediaSync.Platform
{
    /// <summary>Raised when the source side of a copy fails, so it is reported as a read error.</summary>
    internal sealed class SourceReadException : IOException
    {
        public SourceReadException(Exception inner) : base(inner.Message, inner) { }
    }

    /// <summary>
    /// Writes files so that readers never see half a file: a temp file in the target's folder, then a
    /// rename over the target. A failure removes the temp file.
    /// </summary>
    internal static class AtomicFile
    {
        private const string TempSuffix = ".mediasync-tmp";
        private const int BufferSize = 1 << 17;

        /// <summary>True for leftovers of an interrupted write (hidden names, so discovery skips them).</summary>
        public static bool IsTempName(string name) => name.StartsWith(".", StringComparison.Ordinal) && name.EndsWith(TempSuffix, StringComparison.Ordinal);

        /// <summary>A fresh temp path beside <paramref name="target"/>, naming this process so a later run can tell a leftover.</summary>
        public static string TempPathFor(string target)
        {
            var folder = Path.GetDirectoryName(target)!;
            var name = Prefix(Path.GetFileName(target), MaxKeptNameBytes);
            return Path.Combine(folder, "." + name + "." + OwnProcessId + "-" + Platform.TempFolder.RandomName() + TempSuffix);
        }

        // A name may use 255 bytes (Linux, macOS) or 255 UTF-16 units (Windows); the temp name adds about 30 to what
        // it keeps of the target's, so it keeps at most 100 bytes of UTF-8, which are never more than 100 units.
        private const int MaxKeptNameBytes = 100;

        /// <summary>The longest start of <paramref name="name"/> within <paramref name="maxBytes"/> of UTF-8, never half a character.</summary>
        internal static string Prefix(string name, int maxBytes)
        {
            var bytes = 0;
            for (var i = 0; i < name.Length; i++)
            {
                var pair = char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]);
                var size = pair ? 4 : name[i] < 0x80 ? 1 : name[i] < 0x800 ? 2 : 3;
                if (bytes + size > maxBytes) return name.Substring(0, i);
                bytes += size;
                if (pair) i++;
            }
            return name;
        }

        private static readonly int OwnProcessId = System.Diagnostics.Process.GetCurrentProcess().Id;

        /// <summary>
        /// A temp file whose writer is gone (killed mid-write): the process its name gives is not running, or is this
        /// one, whose own writes start only after the listing that found it.
        /// </summary>
        public static bool IsLeftover(string path)
        {
            var name = Path.GetFileName(path);
            if (!IsTempName(name)) return false;
            var stem = name.Substring(0, name.Length - TempSuffix.Length);
            var tag = stem.Substring(stem.LastIndexOf('.') + 1);
            var dash = tag.IndexOf('-');
            if (dash <= 0 || !int.TryParse(tag.Substring(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) return true;
            if (pid == OwnProcessId) return true;
            try
            {
                using (var writer = System.Diagnostics.Process.GetProcessById(pid)) return writer.HasExited;
            }
            catch (ArgumentException) { return true; }   // no such process
            catch (InvalidOperationException) { return true; }
        }

        /// <summary>Writes <paramref name="content"/> to <paramref name="target"/> atomically, with the given write time. The folder must exist.</summary>
        public static void Write(MediaContent content, string target, DateTime lastWriteTimeUtc, Action<long> onBytes, CancellationToken cancellation)
        {
            var temp = TempPathFor(target);
            try
            {
                if (content.FilePath != null) CopyFile(content, temp, onBytes);
                else CopyStream(content, temp, onBytes, cancellation);
                cancellation.ThrowIfCancellationRequested();
                File.SetLastWriteTimeUtc(temp, lastWriteTimeUtc);
                MoveOver(temp, target);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>Renames <paramref name="temp"/> over <paramref name="target"/>, replacing a file or link there.</summary>
        public static void MoveOver(string temp, string target)
        {
#if NET8_0_OR_GREATER
            File.Move(temp, target, overwrite: true);
#else
            if (File.Exists(target)) File.Replace(temp, target, null, ignoreMetadataErrors: true);
            else File.Move(temp, target);
#endif
        }

        public static bool TryDelete(string path)
        {
            try { File.Delete(path); return true; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }

        private static void CopyFile(MediaContent content, string temp, Action<long> onBytes)
        {
            var source = content.FilePath!;
            // File.Copy lets the kernel copy (copy_file_range, clone, CopyFileEx) and is much faster than a
            // managed loop; the source is checked only when the copy fails, to tell read from write errors.
            try
            {
                File.Copy(source, temp, overwrite: false);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                if (!CanRead(source)) throw new SourceReadException(e);
                throw;
            }
            // The kernel copies whatever the file holds by then: one rewritten meanwhile is not renamed into place.
            var copied = new FileInfo(temp).Length;
            if (copied != content.Length) throw new SourceChangedException($"{copied} bytes were copied, not {content.Length}");
            content.CheckUnchanged();
            // File.Copy carries a read-only source's mode over; the published file must stay replaceable.
            var attributes = File.GetAttributes(temp);
            if ((attributes & FileAttributes.ReadOnly) != 0) File.SetAttributes(temp, attributes & ~FileAttributes.ReadOnly);
            onBytes(content.Length);
        }

        private static void CopyStream(MediaContent content, string temp, Action<long> onBytes, CancellationToken cancellation)
        {
            Stream input;
            try { input = content.OpenRead(); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { throw new SourceReadException(e); }
            using (input)
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                var buffer = new byte[BufferSize];
                while (true)
                {
                    cancellation.ThrowIfCancellationRequested();
                    int read;
                    try { read = input.Read(buffer, 0, buffer.Length); }
                    catch (Exception e) when ((e is IOException && !(e is SourceChangedException)) || e is UnauthorizedAccessException) { throw new SourceReadException(e); }
                    if (read == 0) break;
                    output.Write(buffer, 0, read);
                    onBytes(read);
                }
            }
        }

        internal static bool CanRead(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1)) return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return false; }
        }
    }
}
