using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Platform;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    internal enum StepKind { Write, Link, UpdateHeaders, Skip, Delete, Fail }

    /// <summary>A local file, the headers it should be served with, and what was found out about it before planning.</summary>
    internal sealed class LocalObject
    {
        public LocalObject(MediaFile file, IReadOnlyDictionary<string, string> headers)
        {
            File = file;
            Headers = headers;
        }

        public MediaFile File { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>Link mode: the object at this key already is a link to (or the same file as) this file.</summary>
        public bool AlreadyLinked { get; set; }

        /// <summary>Why the file could not be read when it was compared (it vanished since it was found), or null.</summary>
        public Exception? ReadFailure { get; set; }
    }

    /// <summary>One step of a plan: what happens to one key, and why.</summary>
    internal sealed class PlanStep
    {
        public PlanStep(StepKind kind, PublishAction action, PublishReason reason, string key, LocalObject? local, StoredObject? remote, MediaSyncError? error = null)
        {
            Kind = kind;
            Action = action;
            Reason = reason;
            Key = key;
            Local = local;
            Remote = remote;
            Error = error;
        }

        public StepKind Kind { get; }
        public PublishAction Action { get; }
        public PublishReason Reason { get; }
        public string Key { get; }
        public LocalObject? Local { get; }
        public MediaFile? File => Local?.File;
        public StoredObject? Remote { get; }
        public MediaSyncError? Error { get; }
        public IReadOnlyDictionary<string, string> Headers => Local?.Headers ?? Remote?.Headers ?? StoredObject.EmptyHeaders;

        public override string ToString() => $"{Kind} {Key} ({Reason})";
    }

    /// <summary>What the diff is asked to decide with.</summary>
    internal sealed class DiffRules
    {
        public OverwriteStrategy Strategy { get; set; } = OverwriteStrategy.IfChanged;
        /// <summary>Link mode: link files, copy only in-memory content and only with <see cref="LinkFallbackCopy"/>.</summary>
        public bool Link { get; set; }
        public bool LinkFallbackCopy { get; set; }
        /// <summary>Compare MD5s even where size and stamp say a file is unchanged.</summary>
        public bool Checksum { get; set; }
        public bool KeepsHeaders { get; set; }
        public bool Delete { get; set; }
        /// <summary>A partial (changed-since) input: only these keys can be orphans.</summary>
        public ISet<string>? OnlyDelete { get; set; }
        /// <summary>A folder publish names how content changed (SizeChanged, HashChanged) where a store says ContentChanged.</summary>
        public bool FolderWords { get; set; }
        /// <summary>Where a key is published (a path or a URL), for errors.</summary>
        public Func<string, string> DestinationOf { get; set; } = key => key;
        public string StoreName { get; set; } = "";
        /// <summary>Links in a folder destination where incoming keys need a folder (<see cref="PublishDiff.LinkedFolders"/>): writes replace them, so they are no orphans.</summary>
        public ISet<string> LinkedFolders { get; set; } = new HashSet<string>();
    }

    /// <summary>
    /// The one diff of every publish: a pure function from the local files (key, size, stamp, hash, headers, and
    /// whether each is already linked) and the destination's listing to steps with reasons. Its caller gathers every
    /// fact first (<see cref="PublishFacts"/>), so planning reads no file and makes no request. Copy's overwrite
    /// strategies and Link mode are decisions here; so is header drift, where the store keeps headers. Skips and
    /// failures come first, then writes of assets, then pages (a page never refers to a file that is not there yet),
    /// then deletes.
    /// </summary>
    internal static class PublishDiff
    {
        public static IReadOnlyList<PlanStep> Plan(IEnumerable<LocalObject> local, IReadOnlyDictionary<string, StoredObject> remote, DiffRules rules)
        {
            var ordered = Steps(local, remote, rules).OrderBy(s => s.Kind == StepKind.Skip || s.Kind == StepKind.Fail ? 0 : s.File!.PublishesLast ? 2 : 1).ToList();
            if (rules.Delete) ordered.AddRange(Orphans(local, remote, rules));
            return ordered;
        }

        /// <summary>
        /// One step per local key, in the order the files came, made as they are enumerated: a caller that keeps only the
        /// writes holds no step for the files left as they are (a no-op of a million files holds none).
        /// </summary>
        public static IEnumerable<PlanStep> Steps(IEnumerable<LocalObject> local, IReadOnlyDictionary<string, StoredObject> remote, DiffRules rules)
        {
            var seen = new HashSet<string>(ComparerOf(remote));
            foreach (var item in local)
            {
                if (!seen.Add(item.File.RelativePath)) continue;
                remote.TryGetValue(item.File.RelativePath, out var existing);
                yield return Compare(item, existing, rules);
            }
        }

        /// <summary>The deletes: listed files and links no local key names (compared as the destination compares names), in ordinal key order.</summary>
        public static IEnumerable<PlanStep> Orphans(IEnumerable<LocalObject> local, IReadOnlyDictionary<string, StoredObject> remote, DiffRules rules)
        {
            var seen = new HashSet<string>(local.Select(l => l.File.RelativePath), ComparerOf(remote));
            return remote.Values
                .Where(r => r.Kind != EntryKind.Directory && !seen.Contains(r.Key) && !rules.LinkedFolders.Contains(r.Key)
                    && (rules.OnlyDelete == null || rules.OnlyDelete.Contains(r.Key)))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new PlanStep(StepKind.Delete, PublishAction.Deleted, PublishReason.Orphan, r.Key, null, r));
        }

        private static IEqualityComparer<string> ComparerOf(IReadOnlyDictionary<string, StoredObject> remote) =>
            (remote as Dictionary<string, StoredObject>)?.Comparer ?? StringComparer.Ordinal;

        /// <summary>
        /// The links a folder destination holds where incoming keys need a folder (<c>out/css -> ../victim</c> for
        /// css/site.css): the writes replace each with a real folder rather than write through it.
        /// </summary>
        public static HashSet<string> LinkedFolders(IEnumerable<LocalObject> local, IReadOnlyDictionary<string, StoredObject> remote)
        {
            var folders = new HashSet<string>(ComparerOf(remote));
            foreach (var item in local)
            {
                var key = item.File.RelativePath;
                for (var slash = key.IndexOf('/'); slash > 0; slash = key.IndexOf('/', slash + 1)) folders.Add(key.Substring(0, slash));
            }
            folders.RemoveWhere(folder => !(remote.TryGetValue(folder, out var stored) && stored.Kind == EntryKind.Link));
            return folders;
        }

        /// <summary>A listing by key, compared as the store compares names. A key listed twice is refused: which of the two is stored could only be guessed.</summary>
        public static Dictionary<string, StoredObject> ByKey(IEnumerable<StoredObject> remote, IEqualityComparer<string>? comparer = null)
        {
            var byKey = new Dictionary<string, StoredObject>(comparer ?? StringComparer.Ordinal);
            foreach (var stored in remote)
            {
                if (byKey.ContainsKey(stored.Key)) throw new InvalidOperationException($"the listing returned '{stored.Key}' twice.");
                byKey.Add(stored.Key, stored);
            }
            return byKey;
        }

        /// <summary>
        /// True when IfChanged must compare content by MD5: sizes match and no stamp vouches for it (a folder's own
        /// size and write time, or what a store remembers of the file it was written from).
        /// </summary>
        public static bool NeedsHash(LocalObject local, StoredObject? remote, DiffRules rules) =>
            remote != null && remote.Kind == EntryKind.File && remote.Size == local.File.Length && !rules.Link && rules.Strategy == OverwriteStrategy.IfChanged
            && (rules.Checksum || !remote.StampMatches(local.File));

        private static PlanStep Compare(LocalObject local, StoredObject? remote, DiffRules rules)
        {
            var file = local.File;
            var key = file.RelativePath;
            PlanStep Step(StepKind kind, PublishAction action, PublishReason reason) => new PlanStep(kind, action, reason, key, local, remote);
            PlanStep Fail(MediaSyncError error) => new PlanStep(StepKind.Fail, PublishAction.Failed, PublishReason.Error, key, local, remote, error);

            if (local.ReadFailure != null) return Fail(Errors.SourceUnreadable(key, file.FullName, local.ReadFailure));
            if (rules.Link)
            {
                if (file.Content.FilePath != null) return ForLink(local, remote, rules, Step, Fail);
                if (!rules.LinkFallbackCopy) return Fail(Errors.LinkNeedsFile(key));
            }
            var strategy = rules.Link ? OverwriteStrategy.IfChanged : rules.Strategy;
            if (remote == null) return Step(StepKind.Write, PublishAction.Created, PublishReason.New);
            if (remote.Kind == EntryKind.Directory) return Fail(Errors.TargetIsFolder(key, rules.DestinationOf(key)));
            // Replacing a link (left by an earlier Link-mode run) renames over the link itself, never its target.
            if (remote.Kind == EntryKind.Link)
                return strategy == OverwriteStrategy.NewOnly ? Step(StepKind.Skip, PublishAction.Skipped, PublishReason.Exists)
                    : Step(StepKind.Write, PublishAction.Updated, PublishReason.StaleLink);
            if (strategy == OverwriteStrategy.NewOnly) return Step(StepKind.Skip, PublishAction.Skipped, PublishReason.Exists);
            if (strategy == OverwriteStrategy.IfNewer && remote.LastModifiedUtc is DateTime stored && file.LastWriteTimeUtc <= stored)
                return Step(StepKind.Skip, PublishAction.Skipped, PublishReason.NotNewer);
            var reason = strategy == OverwriteStrategy.IfNewer ? PublishReason.SourceNewer : PublishReason.Overwrite;
            if (strategy == OverwriteStrategy.IfChanged)
            {
                if (remote.Size != file.Length) reason = rules.FolderWords ? PublishReason.SizeChanged : PublishReason.ContentChanged;
                else if (NeedsHash(local, remote, rules))
                {
                    string? md5;
                    try { md5 = remote.Md5; }
                    catch (Exception e) when (!(e is OperationCanceledException))
                    {
                        return Fail(rules.FolderWords ? Errors.WriteFailed(key, rules.DestinationOf(key), e) : Errors.StoreReadFailed(key, rules.StoreName, e));
                    }
                    reason = md5 == null ? PublishReason.NotComparable
                        : !string.Equals(md5, file.Hash, StringComparison.OrdinalIgnoreCase) ? (rules.FolderWords ? PublishReason.HashChanged : PublishReason.ContentChanged)
                        : PublishReason.Unchanged;
                }
                else reason = PublishReason.Unchanged;
                if (reason == PublishReason.Unchanged)
                    return rules.KeepsHeaders && HeadersDrifted(local.Headers, remote) ? Step(StepKind.UpdateHeaders, PublishAction.Updated, PublishReason.HeadersChanged)
                        : Step(StepKind.Skip, PublishAction.Skipped, PublishReason.Unchanged);
            }
            if (remote.ReadOnly) return Fail(Errors.TargetReadOnly(key, rules.DestinationOf(key)));
            return Step(StepKind.Write, PublishAction.Updated, reason);
        }

        private static PlanStep ForLink(LocalObject local, StoredObject? remote, DiffRules rules, Func<StepKind, PublishAction, PublishReason, PlanStep> step,
            Func<MediaSyncError, PlanStep> fail)
        {
            var key = local.File.RelativePath;
            switch (remote?.Kind)
            {
                case null:
                    return step(StepKind.Link, PublishAction.Linked, PublishReason.New);
                case EntryKind.Link:
                    return local.AlreadyLinked ? step(StepKind.Skip, PublishAction.Skipped, PublishReason.AlreadyLinked) : step(StepKind.Link, PublishAction.Linked, PublishReason.StaleLink);
                case EntryKind.Directory:
                    return fail(Errors.TargetNotALink(key, rules.DestinationOf(key), isFolder: true));
                default:
                    // a hard link made by the Windows fallback is the same file as its source
                    return local.AlreadyLinked ? step(StepKind.Skip, PublishAction.Skipped, PublishReason.AlreadyLinked)
                        : fail(Errors.TargetNotALink(key, rules.DestinationOf(key), isFolder: false));
            }
        }

        private static bool HeadersDrifted(IReadOnlyDictionary<string, string> wanted, StoredObject remote) =>
            remote.HeadersDigest != null
                ? !string.Equals(remote.HeadersDigest, HeaderDigest.Of(wanted), StringComparison.Ordinal)
                : !SameHeaders(wanted, remote.Headers);

        /// <summary>Every header we set is there with the same value; volatile ones are not compared.</summary>
        internal static bool SameHeaders(IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string> stored)
        {
            var storedByName = stored.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
            return wanted.Where(h => !HeaderPolicy.Volatile.Contains(h.Key))
                .All(h => storedByName.TryGetValue(h.Key, out var value) && string.Equals(value, h.Value, StringComparison.Ordinal));
        }
    }
}
