using System;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MediaSync.Platform;

namespace MediaSync.Processing.Cache
{
    /// <summary>A processor whose output depends only on its input's bytes and key extension, so it can be cached (opt-in).</summary>
    public interface ICacheableMediaProcessor : IMediaProcessor
    {
        /// <summary>
        /// The processor and every setting that changes its output, as one stable string ("esbuild 0.x --minify ...").
        /// Change it whenever the output would change; the engine adds its own version.
        /// </summary>
        string CacheIdentity { get; }
    }

    /// <summary>
    /// Processor output on disk, keyed by a SHA-256 of (engine version, processor identity, input hash and length).
    /// Each entry is one flat file named by that hash: a header with the content's length and SHA-256, then the content.
    /// A missing, truncated or corrupt entry is a miss; entries are written to a temp file and renamed, so two runs at
    /// once at worst both compute the same entry. The folder may be deleted at any time. Nothing is written through a link:
    /// a cache folder or entry that is a link is treated as no cache. Growth is not bounded: delete the folder to prune.
    /// </summary>
    public sealed class ProcessingCache
    {
        /// <summary>The default folder, relative to the current folder (or a settings file's folder for Sync-Media).</summary>
        public const string DefaultFolder = "out/cache";
        private static readonly byte[] Magic = Encoding.ASCII.GetBytes("MSC1");
        private const int HeaderLength = 4 + 8 + 32;

        /// <summary>The engine's informational version: a new build never reads an older build's entries.</summary>
        public static readonly string EngineVersion =
            typeof(ProcessingCache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ProcessingCache).Assembly.GetName().Version?.ToString() ?? "0";

        private long _hits, _misses;

        private readonly string _version;

        public ProcessingCache(string folder) : this(folder, EngineVersion) { }

        /// <param name="folder">The cache folder; created on the first write.</param>
        /// <param name="version">The tool version the keys carry; tests give another to stand for an upgrade.</param>
        internal ProcessingCache(string folder, string version)
        {
            if (string.IsNullOrEmpty(folder)) throw new ArgumentException("A cache folder is needed.", nameof(folder));
            Folder = Path.GetFullPath(folder);
            _version = version;
        }

        public string Folder { get; }
        public long Hits => System.Threading.Interlocked.Read(ref _hits);
        public long Misses => System.Threading.Interlocked.Read(ref _misses);

        /// <summary>The entry name for a processor identity and an input.</summary>
        public string KeyFor(string identity, string inputHash, long inputLength, string? extra = null)
        {
            var text = _version + "\n" + identity + "\n" + inputHash + "\n" + inputLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + extra;
            using (var sha = SHA256.Create()) return ContentHash.ToHex(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        /// <summary>The entry name for a file's current content, or null when it cannot be read (the step then reports it).</summary>
        internal string? KeyFor(string identity, MediaFile file, string? extra = null)
        {
            try { return KeyFor(identity, file.Hash, file.Length, extra); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return null; }
        }

        private string EntryPath(string key) => Path.Combine(Folder, key.Substring(0, 2), key);

        /// <summary>The stored bytes, or null on a miss (absent, unreadable, truncated, corrupt or a link).</summary>
        public byte[]? TryGet(string key)
        {
            var data = Read(EntryPath(key));
            System.Threading.Interlocked.Increment(ref data == null ? ref _misses : ref _hits);
            return data;
        }

        /// <summary>The stored bytes, or null, without counting a hit or a miss: the cache's own records (hash index, processed sets).</summary>
        internal byte[]? Load(string key) => Read(EntryPath(key));

        /// <summary>Whether an entry is there with <paramref name="length"/> bytes of content (a stat, nothing read).</summary>
        internal bool Holds(string key, long length)
        {
            var info = new FileInfo(EntryPath(key));
            return info.Exists && info.Length == HeaderLength + length && !info.Attributes.HasFlag(FileAttributes.ReparsePoint);
        }

        private static byte[]? Read(string path)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists || info.Attributes.HasFlag(FileAttributes.ReparsePoint) || info.Length < HeaderLength) return null;
                var all = File.ReadAllBytes(path);
                for (var i = 0; i < Magic.Length; i++) if (all[i] != Magic[i]) return null;
                var length = BitConverter.ToInt64(all, 4);
                if (length != all.Length - HeaderLength) return null;
                var content = new byte[length];
                Buffer.BlockCopy(all, HeaderLength, content, 0, content.Length);
                using (var sha = SHA256.Create())
                {
                    var hash = sha.ComputeHash(content);
                    for (var i = 0; i < 32; i++) if (hash[i] != all[12 + i]) return null;
                }
                return content;
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        /// <summary>Stores <paramref name="content"/>; a failure (read-only disk, a planted link) only means no entry.</summary>
        public bool Put(string key, byte[] content)
        {
            var path = EntryPath(key);
            string? temp = null;
            try
            {
                var folder = Path.GetDirectoryName(path)!;
                if (!SafeFolder(folder)) return false;
                temp = AtomicFile.TempPathFor(path);
                using (var sha = SHA256.Create())
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(Magic, 0, Magic.Length);
                    stream.Write(BitConverter.GetBytes((long)content.Length), 0, 8);
                    stream.Write(sha.ComputeHash(content), 0, 32);
                    stream.Write(content, 0, content.Length);
                }
                if (FileLinks.Inspect(path) == EntryKind.Link) { AtomicFile.TryDelete(temp); return false; }
                AtomicFile.MoveOver(temp, path);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                if (temp != null) AtomicFile.TryDelete(temp);
                return false;
            }
        }

        /// <summary>An entry for "some output" or "no output" (a step that left the file alone, a twin not worth keeping).</summary>
        internal static byte[] Wrap(byte[]? output)
        {
            if (output == null) return new byte[] { 0 };
            var entry = new byte[output.Length + 1];
            entry[0] = 1;
            Buffer.BlockCopy(output, 0, entry, 1, output.Length);
            return entry;
        }

        /// <summary>The output a <see cref="Wrap"/>ped entry holds, or null for "no output".</summary>
        internal static byte[]? Unwrap(byte[] entry)
        {
            if (entry.Length == 0 || entry[0] == 0) return null;
            var output = new byte[entry.Length - 1];
            Buffer.BlockCopy(entry, 1, output, 0, output.Length);
            return output;
        }

        /// <summary>Creates the cache folder and the entry's subfolder, refusing either when it is a link (so no entry lands elsewhere).</summary>
        /// <summary>
        /// CACHEDIR.TAG marks the folder as a cache: discovery never takes it for media (a cache made inside a media
        /// root would be published), and backup tools skip it.
        /// </summary>
        private void TagAsCache()
        {
            // once per cache, not once per entry: Put runs for every file of a first run, from every core
            if (_tagged) return;
            var tag = Path.Combine(Folder, Discovery.TreeWalker.CacheTagName);
            if (!File.Exists(tag) && FileLinks.Inspect(tag) != EntryKind.Link)
            {
                var text = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is MediaSync's processing cache; it is safe to delete.\n";
                var temp = AtomicFile.TempPathFor(tag);
                File.WriteAllText(temp, text);
                AtomicFile.MoveOver(temp, tag);
            }
            _tagged = true; // only once it is there: a failed write (caught by Put) is tried again with the next entry
        }

        private volatile bool _tagged;

        private bool SafeFolder(string folder)
        {
            foreach (var path in new[] { Folder, folder })
            {
                if (FileLinks.Inspect(path) == EntryKind.Link) return false;
                Directory.CreateDirectory(path);
                if (FileLinks.Inspect(path) == EntryKind.Link) return false;
            }
            TagAsCache();
            return true;
        }
    }
}
