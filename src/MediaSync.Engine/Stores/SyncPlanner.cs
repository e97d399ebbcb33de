using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MediaSync.Stores
{
    internal enum SyncAction { Upload, UpdateHeaders, Skip, Delete }

    /// <summary>
    /// Why a step is planned. NotComparable: the sizes match but the store gave no MD5 to compare with, so the file is
    /// uploaded again without knowing whether it changed.
    /// </summary>
    internal enum SyncReason { New, ContentChanged, NotComparable, HeadersChanged, Unchanged, Orphan }

    /// <summary>One step of a sync plan, with the reason for it.</summary>
    internal sealed class SyncStep
    {
        public SyncStep(SyncAction action, SyncReason reason, string key, MediaFile? file, StoredObject? remote, IReadOnlyDictionary<string, string> headers)
        {
            Action = action;
            Reason = reason;
            Key = key;
            File = file;
            Remote = remote;
            Headers = headers;
        }

        public SyncAction Action { get; }
        public SyncReason Reason { get; }
        public string Key { get; }
        public MediaFile? File { get; }
        public StoredObject? Remote { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        public override string ToString() => $"{Action} {Key} ({Reason})";
    }

    /// <summary>A local file and the headers it should be served with.</summary>
    internal sealed class LocalObject
    {
        public LocalObject(MediaFile file, IReadOnlyDictionary<string, string> headers)
        {
            File = file;
            Headers = headers;
        }

        public MediaFile File { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
    }

    /// <summary>
    /// The diff between local files and a store's listing: a pure function from both sides to steps with reasons.
    /// It reads only facts its caller has gathered (StorePublisher hashes the files it compares and fetches, in
    /// parallel, what the listing lacked), so planning reads no file and makes no request.
    /// Content is compared by size, then MD5 (an unknown remote MD5 is NotComparable, and uploaded); headers only where the store
    /// keeps them, ignoring volatile ones. Uploads of assets come before entry points (HTML), so a page never refers
    /// to a file that is not there yet; deletes come last.
    /// </summary>
    internal static class SyncPlanner
    {
        /// <summary>
        /// The plan; with checksum, MD5s are compared even where a remembered source stamp says a file is unchanged.
        /// With <paramref name="onlyDelete"/> (a partial, changed-since input) only those keys can be orphans.
        /// </summary>
        public static IReadOnlyList<SyncStep> Plan(IEnumerable<LocalObject> local, IEnumerable<StoredObject> remote, bool keepsHeaders, bool delete,
            bool checksum = false, ISet<string>? onlyDelete = null) =>
            Plan(local, ByKey(remote), keepsHeaders, delete, checksum, onlyDelete);

        /// <inheritdoc cref="Plan(IEnumerable{LocalObject}, IEnumerable{StoredObject}, bool, bool, bool, ISet{string}?)"/>
        public static IReadOnlyList<SyncStep> Plan(IEnumerable<LocalObject> local, IReadOnlyDictionary<string, StoredObject> remoteByKey, bool keepsHeaders,
            bool delete, bool checksum = false, ISet<string>? onlyDelete = null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var steps = new List<SyncStep>();
            foreach (var item in local)
            {
                var key = item.File.RelativePath;
                if (!seen.Add(key)) continue;
                remoteByKey.TryGetValue(key, out var existing);
                steps.Add(Compare(item, existing, keepsHeaders, checksum));
            }
            var ordered = steps.OrderBy(s => s.Action == SyncAction.Skip ? 0 : s.File?.PublishesLast == true ? 2 : 1).ToList();
            if (delete)
                ordered.AddRange(remoteByKey.Values.Where(r => !seen.Contains(r.Key) && (onlyDelete == null || onlyDelete.Contains(r.Key))).OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new SyncStep(SyncAction.Delete, SyncReason.Orphan, r.Key, null, r, r.Headers)));
            return ordered;
        }

        /// <summary>A listing by key. A key listed twice is refused: which of the two is stored could only be guessed.</summary>
        public static IReadOnlyDictionary<string, StoredObject> ByKey(IEnumerable<StoredObject> remote)
        {
            var byKey = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
            foreach (var stored in remote)
            {
                if (byKey.ContainsKey(stored.Key)) throw new InvalidOperationException($"the listing returned '{stored.Key}' twice.");
                byKey.Add(stored.Key, stored);
            }
            return byKey;
        }

        /// <summary>True when the content must be compared by MD5: sizes match and no remembered stamp vouches for it.</summary>
        public static bool NeedsHash(MediaFile file, StoredObject? remote, bool checksum) =>
            remote != null && remote.Size == file.Length && (checksum || remote.SourceStamp == null || remote.SourceStamp != SourceStamp.Of(file));

        private static SyncStep Compare(LocalObject local, StoredObject? remote, bool keepsHeaders, bool checksum)
        {
            var key = local.File.RelativePath;
            if (remote == null) return new SyncStep(SyncAction.Upload, SyncReason.New, key, local.File, null, local.Headers);
            if (remote.Size != local.File.Length)
                return new SyncStep(SyncAction.Upload, SyncReason.ContentChanged, key, local.File, remote, local.Headers);
            if (NeedsHash(local.File, remote, checksum))
            {
                if (remote.Md5 == null) return new SyncStep(SyncAction.Upload, SyncReason.NotComparable, key, local.File, remote, local.Headers);
                if (!string.Equals(remote.Md5, local.File.Hash, StringComparison.OrdinalIgnoreCase))
                    return new SyncStep(SyncAction.Upload, SyncReason.ContentChanged, key, local.File, remote, local.Headers);
            }
            if (keepsHeaders && (remote.HeadersDigest != null
                    ? !string.Equals(remote.HeadersDigest, HeaderDigest.Of(local.Headers), StringComparison.Ordinal)
                    : !SameHeaders(local.Headers, remote.Headers)))
                return new SyncStep(SyncAction.UpdateHeaders, SyncReason.HeadersChanged, key, local.File, remote, local.Headers);
            return new SyncStep(SyncAction.Skip, SyncReason.Unchanged, key, local.File, remote, local.Headers);
        }

        /// <summary>Every header we set is there with the same value; volatile ones are not compared.</summary>
        internal static bool SameHeaders(IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string> stored)
        {
            var storedByName = stored.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
            return wanted.Where(h => !HeaderPolicy.Volatile.Contains(h.Key))
                .All(h => storedByName.TryGetValue(h.Key, out var value) && string.Equals(value, h.Value, StringComparison.Ordinal));
        }
    }
}
