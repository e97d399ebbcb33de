using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;

namespace MediaSync.Processing.Cache
{
    /// <summary>
    /// The MD5 of files by full path, size and write time, kept in the processing cache, so a run does not read again
    /// a file it hashed before: a source whose hash keys the cache, a destination file a processed output is compared
    /// with. This is rsync's and azcopy's trust in size and time, made only where the cache is on. A file written in
    /// the last few seconds is not remembered: a second write within the file system's time resolution would look the same.
    /// </summary>
    internal sealed class FileHashIndex
    {
        private const string Identity = "file-hash-index v1";
        private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
        private readonly ProcessingCache _cache;
        private readonly ConcurrentDictionary<string, Entry> _entries;
        private readonly ConcurrentDictionary<string, bool> _used = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private volatile bool _changed;

        private readonly struct Entry
        {
            public Entry(long length, long ticks, string md5) { Length = length; Ticks = ticks; Md5 = md5; }
            public long Length { get; }
            public long Ticks { get; }
            public string Md5 { get; }
        }

        private FileHashIndex(ProcessingCache cache, ConcurrentDictionary<string, Entry> entries)
        {
            _cache = cache;
            _entries = entries;
        }

        /// <summary>The cache's index; an absent or unreadable one is empty.</summary>
        public static FileHashIndex Open(ProcessingCache cache)
        {
            var entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
            var data = cache.Load(Key(cache));
            if (data != null)
            {
                try
                {
                    using (var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8))
                        for (var count = reader.ReadInt32(); count > 0; count--)
                        {
                            var path = reader.ReadString();
                            entries[path] = new Entry(reader.ReadInt64(), reader.ReadInt64(), reader.ReadString());
                        }
                }
                catch (EndOfStreamException) { entries.Clear(); }
            }
            return new FileHashIndex(cache, entries);
        }

        private static string Key(ProcessingCache cache) => cache.KeyFor(Identity, "", 0);

        /// <summary>The MD5 remembered for the file at <paramref name="path"/> as it is now, or null.</summary>
        public string? Find(string path, long length, DateTime lastWriteTimeUtc)
        {
            if (!_entries.TryGetValue(path, out var entry) || entry.Length != length || entry.Ticks != lastWriteTimeUtc.Ticks) return null;
            _used[path] = true;
            return entry.Md5;
        }

        /// <summary>Remembers <paramref name="md5"/> for the file as it is now, unless it was written too recently to trust its time.</summary>
        public void Remember(string path, long length, DateTime lastWriteTimeUtc, string md5)
        {
            _used[path] = true;
            if (DateTime.UtcNow - lastWriteTimeUtc < Settle) { _changed |= _entries.TryRemove(path, out _); return; }
            if (_entries.TryGetValue(path, out var old) && old.Length == length && old.Ticks == lastWriteTimeUtc.Ticks && old.Md5 == md5) return;
            _entries[path] = new Entry(length, lastWriteTimeUtc.Ticks, md5);
            _changed = true;
        }

        /// <summary>The MD5 of the file at <paramref name="path"/>: remembered, or read now and remembered.</summary>
        public string Md5Of(string path)
        {
            var info = new FileInfo(path);
            var known = Find(path, info.Length, info.LastWriteTimeUtc);
            if (known != null) return known;
            var md5 = ContentHash.Md5Hex(path);
            Remember(path, info.Length, info.LastWriteTimeUtc, md5);
            return md5;
        }

        /// <summary>Gives each file found on disk the MD5 remembered for it, so asking its Hash reads nothing.</summary>
        public void Seed(System.Collections.Generic.IEnumerable<MediaFile> files)
        {
            foreach (var file in files)
                if (file.Content is Content.FileContent disk && file.Content.KnownMd5 == null)
                    file.Content.KnownMd5 = Find(disk.Path, disk.Length, file.LastWriteTimeUtc);
        }

        /// <summary>Remembers the MD5 of each file found on disk that was hashed since; call once the run that hashed them is over.</summary>
        public void Learn(System.Collections.Generic.IEnumerable<MediaFile> files)
        {
            foreach (var file in files)
                if (file.Content is Content.FileContent disk && file.Content.KnownMd5 is string md5) Remember(disk.Path, disk.Length, file.LastWriteTimeUtc, md5);
        }

        /// <summary>
        /// Writes the index back when it changed: what this run used, and what it did not as long as that is no more than
        /// what it used (files of another tree sharing the cache), so it never grows without bound.
        /// </summary>
        public void Save()
        {
            if (!_changed) return;
            var kept = _entries.Where(e => _used.ContainsKey(e.Key)).Concat(_entries.Where(e => !_used.ContainsKey(e.Key)).Take(Math.Max(_used.Count, 1000))).ToList();
            using (var buffer = new MemoryStream())
            {
                using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(kept.Count);
                    foreach (var pair in kept)
                    {
                        writer.Write(pair.Key);
                        writer.Write(pair.Value.Length);
                        writer.Write(pair.Value.Ticks);
                        writer.Write(pair.Value.Md5);
                    }
                }
                _cache.Put(Key(_cache), buffer.ToArray());
            }
            _changed = false;
        }
    }
}
