using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MediaSync.Discovery;
using MediaSync.Publishing;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// A local folder as a store. Writes are atomic (temp file, then rename); a folder keeps no HTTP headers;
    /// listing is cheap (size and time) and an object's MD5 is read only when asked for.
    /// </summary>
    public sealed class FolderStore : IMediaStore
    {
        public FolderStore(string folder)
        {
            if (File.Exists(folder)) throw new MediaSyncException(Errors.DestinationIsFile(folder));
            Folder = Path.GetFullPath(folder);
        }

        public string Folder { get; }
        public string Name => Folder;
        public bool KeepsHeaders => false;
        public bool CanDelete => true;

        public IEnumerable<StoredObject> List(CancellationToken cancellation)
        {
            if (!Directory.Exists(Folder)) return Enumerable.Empty<StoredObject>();
            // Hidden and '_' names are not MediaSync's, as in local publishing; links are listed, never followed.
            return new TreeWalker(includeHidden: false, followLinks: false, _ => { }, cancellation).Walk(Folder)
                .Where(entry => !entry.IsLink)
                .Select(entry => new StoredObject(entry.Key, entry.Info.Length, md5: null, lastModifiedUtc: entry.Info.LastWriteTimeUtc,
                    md5OnDemand: () => ContentHash.Md5Hex(entry.FullPath)))
                .OrderBy(o => o.Key, StringComparer.Ordinal)
                .ToList();
        }

        public void Put(StorePut put, CancellationToken cancellation)
        {
            // with the source's write time, as Publish-Media -Destination keeps it
            put.WriteTo(MediaKey.ToPath(Folder, put.Key), cancellation);
        }

        public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation)
        {
            foreach (var key in keys)
            {
                cancellation.ThrowIfCancellationRequested();
                var path = MediaKey.ToPath(Folder, key);
                if (!File.Exists(path)) continue;
                File.Delete(path);
                // folders the deletes leave empty go too, up to the store's own folder, as a folder publish prunes them
                DestinationTree.PruneUpwards(Path.GetDirectoryName(path)!, Folder);
            }
        }
    }
}
