using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using MediaSync.Discovery;
using MediaSync.Platform;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// A local folder as a store: what <c>Publish-Media -Destination</c> writes to, and <c>New-MediaStore -Folder</c>.
    /// Writes are atomic (temp file, then rename) and keep the source's write time, so size and time tell an
    /// unchanged file as rsync's quick check does; it links where asked, deletes links and never what they point to,
    /// and prunes the folders its deletes leave empty. It keeps no HTTP headers. Names the folder's system cannot
    /// hold are refused up front (on Windows, from a WSL share or a mounted Linux disk, say).
    /// </summary>
    public sealed class FolderStore : ILinkingStore, IFileStore, ICleanableStore, IKeyLimitedStore
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _leftovers = new System.Collections.Concurrent.ConcurrentQueue<string>();
        private readonly Lazy<bool> _caseSensitive;
        private readonly bool _windowsNames;
        private readonly IStoredObjectDetails _details;

        public FolderStore(string folder) : this(folder, null) { }

        /// <summary>
        /// A folder whose names compare as <paramref name="caseSensitive"/> says (null detects it), and that holds only
        /// the names Windows can when <paramref name="windowsNames"/> says so (null: when this runs on Windows).
        /// </summary>
        internal FolderStore(string folder, bool? caseSensitive, bool? windowsNames = null)
        {
            if (File.Exists(folder)) throw new MediaSyncException(Errors.DestinationIsFile(folder));
            Folder = Path.GetFullPath(folder);
            _caseSensitive = new Lazy<bool>(() => caseSensitive ?? CaseSensitivity.Detect(Folder));
            _windowsNames = windowsNames ?? RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            _details = new FileDetails(this);
        }

        public string Folder { get; }
        public string Name => Folder;
        public bool KeepsHeaders => false;
        public bool CanDelete => true;

        bool IFileStore.CaseSensitive => _caseSensitive.Value;
        bool IFileStore.Exists => Directory.Exists(Folder);
        string IFileStore.PathOf(string key) => MediaKey.ToPath(Folder, key);

        string? IKeyLimitedStore.RefuseKey(string key) =>
            KeyLimits.First(_windowsNames ? KeyLimits.WindowsName(key) : null, KeyLimits.SegmentTooLong(key, _windowsNames));

        /// <summary>
        /// Files and links, never followed; hidden names, dot-names and '_' folders are not MediaSync's, so they are not listed (a publish
        /// looks them up by key when it writes one). A folder that cannot be read stops the listing: what is in it is unknown.
        /// </summary>
        public IEnumerable<StoredObject> List(CancellationToken cancellation) => Walk(includeHidden: false, cancellation);

        IReadOnlyList<StoredObject> ICleanableStore.ListEverything(CancellationToken cancellation) => Walk(includeHidden: true, cancellation);

        private List<StoredObject> Walk(bool includeHidden, CancellationToken cancellation)
        {
            if (!Directory.Exists(Folder)) return new List<StoredObject>();
            return new TreeWalker(includeHidden, followLinks: false, ThrowIfUnreadable, cancellation, _leftovers.Enqueue).Walk(Folder)
                .Select(entry => entry.IsLink ? new StoredObject(entry.Key, 0, md5: null) { Kind = EntryKind.Link } : Describe(entry.Key, entry.Info))
                .ToList();
        }

        private static void ThrowIfUnreadable(MediaSyncError error)
        {
            // a name MediaSync could not have written is not an orphan of it, and is left alone
            if (error.Id == Errors.UnreadableFolderId) throw new IOException(error.Message, error.Exception);
        }

        int IFileStore.RemoveLeftovers()
        {
            var removed = 0;
            while (_leftovers.TryDequeue(out var path))
                if (AtomicFile.IsLeftover(path) && AtomicFile.TryDelete(path)) removed++;
            return removed;
        }

        StoredObject? IFileStore.Find(string key)
        {
            var path = MediaKey.ToPath(Folder, key);
            if (!InDestination(path)) return null;
            var info = new FileInfo(path);
            if (!info.Exists)
                return Directory.Exists(path) ? new StoredObject(key, 0, md5: null) { Kind = FileLinks.Inspect(path) == EntryKind.Link ? EntryKind.Link : EntryKind.Directory } : null;
            if ((info.Attributes & FileAttributes.ReparsePoint) != 0 && FileLinks.Inspect(path) == EntryKind.Link)
                return new StoredObject(key, 0, md5: null) { Kind = EntryKind.Link };
            return Describe(key, info);
        }

        /// <summary>
        /// Where the MD5s of this folder's files are remembered between runs (the processing cache's index), or null:
        /// a processed file has no stamp of its own, so without it every no-op would read the whole destination again.
        /// </summary>
        internal Processing.Cache.FileHashIndex? Hashes { get; set; }

        private StoredObject Describe(string key, FileInfo info) =>
            // the folder keeps the source's write time, so its own size and time are the stamp of what was written
            new StoredObject(key, info.Length, md5: null, _details, lastModifiedUtc: info.LastWriteTimeUtc, stampIsOwn: true)
            {
                ReadOnly = (info.Attributes & FileAttributes.ReadOnly) != 0,
            };

        /// <summary>A listed file's MD5, read from the file only when a comparison needs it; a folder keeps no headers.</summary>
        private sealed class FileDetails : IStoredObjectDetails
        {
            private readonly FolderStore _store;

            public FileDetails(FolderStore store) => _store = store;

            public string? Md5(StoredObject stored)
            {
                var path = MediaKey.ToPath(_store.Folder, stored.Key);
                return _store.Hashes?.Md5Of(path) ?? ContentHash.Md5Hex(path);
            }

            public IReadOnlyDictionary<string, string> Headers(StoredObject stored) => StoredObject.EmptyHeaders;
        }

        public void Put(StorePut put, CancellationToken cancellation)
        {
            var path = MediaKey.ToPath(Folder, put.Key);
            PrepareFolder(path);
            AtomicFile.Write(put.Content, path, put.LastWriteTimeUtc ?? DateTime.UtcNow, _ => { }, cancellation);
            // processed content: the next run compares by MD5, which is known now
            if (Hashes != null && put.SourceStamp == null)
            {
                var written = new FileInfo(path);
                Hashes.Remember(path, written.Length, written.LastWriteTimeUtc, put.Md5);
            }
        }

        public bool IsLinkTo(string key, string sourcePath)
        {
            var path = MediaKey.ToPath(Folder, key);
            // a hard link made by the Windows fallback is the same file as its source
            return FileLinks.Inspect(path) == EntryKind.Link ? FileLinks.PointsTo(path, sourcePath) : FileLinks.IsSameFile(path, sourcePath);
        }

        public bool TryLink(string key, string sourcePath, out Exception? failure)
        {
            var path = MediaKey.ToPath(Folder, key);
            PrepareFolder(path);
            return LinkWriter.TryLink(sourcePath, path, out failure);
        }

        /// <summary>The folder a write goes to, made of real folders below the destination: a planted link there is replaced, never written through.</summary>
        private void PrepareFolder(string path)
        {
            if (!Directory.Exists(Folder)) Directory.CreateDirectory(Folder);
            DestinationFolders.EnsureReal(Folder, Path.GetDirectoryName(path)!);
        }

        /// <summary>False when a folder on the way to <paramref name="path"/> is a link (or missing): what it leads to is not in the destination.</summary>
        private bool InDestination(string path) => DestinationFolders.FirstNotReal(Folder, Path.GetDirectoryName(path)!) == null;

        /// <summary>Deletes each key's file or link, then the folders left empty; the keys that failed are named, and the rest are still deleted.</summary>
        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            var failures = new Dictionary<string, Exception>(StringComparer.Ordinal);
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                cancellation.ThrowIfCancellationRequested();
                var path = MediaKey.ToPath(Folder, key);
                try
                {
                    if (InDestination(path) && DeleteEntry(path)) touched.Add(Path.GetDirectoryName(path)!);
                }
                catch (Exception e) when (Errors.IsIoFailure(e)) { failures[key] = e; }
            }
            foreach (var folder in touched.OrderByDescending(f => f.Length)) PruneUpwards(folder);
            if (failures.Count > 0) throw new StoreDeleteException(failures);
        }

        /// <summary>Deletes a file, or a link itself (never what it points to); false when nothing was there.</summary>
        private static bool DeleteEntry(string path)
        {
            var kind = FileLinks.Inspect(path);
            if (kind == EntryKind.Link) FileLinks.DeleteLink(path);
            else if (kind == EntryKind.File) File.Delete(path);
            else return false;
            return true;
        }

        void ICleanableStore.RemoveEmptyFolders()
        {
            if (!Directory.Exists(Folder)) return;
            foreach (var folder in Directory.GetDirectories(Folder))
                if (FileLinks.Inspect(folder) != EntryKind.Link) RemoveEmptyFolders(folder);
        }

        private static void RemoveEmptyFolders(string folder)
        {
            foreach (var child in Directory.GetDirectories(folder))
                if (FileLinks.Inspect(child) != EntryKind.Link) RemoveEmptyFolders(child);
            TryRemoveEmpty(folder);
        }

        private void PruneUpwards(string folder)
        {
            var stop = Folder.TrimEnd(Path.DirectorySeparatorChar);
            for (var current = folder; current != null && current.Length > stop.Length && TreeWalker.IsSameOrInside(current, stop);
                 current = Path.GetDirectoryName(current))
            {
                if (!TryRemoveEmpty(current)) break;
            }
        }

        private static bool TryRemoveEmpty(string folder)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any()) return false;
                Directory.Delete(folder, recursive: false);
                return true;
            }
            catch (Exception e) when (Errors.IsIoFailure(e)) { return false; }
        }
    }
}
