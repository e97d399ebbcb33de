using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using MediaSync.Discovery;
using MediaSync.Reporting;

namespace MediaSync.Publishing
{
    /// <summary>Lists and deletes what is in a destination folder, never following links out of it.</summary>
    internal static class DestinationTree
    {
        public static IEnumerable<TreeEntry> List(string destination, bool includeHidden, IEngineHost host) =>
            new TreeWalker(includeHidden, followLinks: false, host.WriteError, host.Cancellation).Walk(destination);

        /// <summary>Clean: deletes every listed entry, then every folder left empty.</summary>
        public static IEnumerable<PublishResult> DeleteAll(string destination, IReadOnlyList<TreeEntry> entries, bool whatIf, IEngineHost host)
        {
            foreach (var result in DeleteEntries(entries, PublishReason.Clean, whatIf, askEach: false, host)) yield return result;
            if (whatIf) yield break;
            foreach (var folder in Directory.GetDirectories(destination))
                if (!IsLink(folder)) RemoveEmptyFolders(folder);
        }

        /// <summary>The entries for these keys that are in the destination (files or links), in key order.</summary>
        public static IEnumerable<TreeEntry> Find(string destination, IEnumerable<string> keys)
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal))
            {
                var path = MediaKey.ToPath(destination, key);
                var kind = Platform.FileLinks.Inspect(path);
                if (kind == Platform.EntryKind.File || kind == Platform.EntryKind.Link) yield return new TreeEntry(path, key, new FileInfo(path), kind == Platform.EntryKind.Link);
            }
        }

        /// <summary>Deletes listed entries (asking for each), then folders the deletes left empty.</summary>
        public static IEnumerable<PublishResult> Delete(string destination, IReadOnlyList<TreeEntry> entries, PublishReason reason, bool whatIf, IEngineHost host)
        {
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var result in DeleteEntries(entries, reason, whatIf, askEach: true, host))
            {
                if (!result.WhatIf && result.Action == PublishAction.Deleted) touched.Add(Path.GetDirectoryName(result.Destination)!);
                yield return result;
            }
            foreach (var folder in touched.OrderByDescending(f => f.Length))
                PruneUpwards(folder, destination);
        }

        private static IEnumerable<PublishResult> DeleteEntries(IReadOnlyList<TreeEntry> entries, PublishReason reason, bool whatIf, bool askEach, IEngineHost host)
        {
            foreach (var entry in entries)
            {
                host.Cancellation.ThrowIfCancellationRequested();
                var planned = new PublishResult(PublishAction.Deleted, reason, entry.Key, entry.FullPath, 0);
                if (askEach && !host.ShouldProcess(entry.FullPath, $"Delete ({reason})"))
                {
                    yield return whatIf ? planned.AsWhatIf() : new PublishResult(PublishAction.Skipped, PublishReason.Declined, entry.Key, entry.FullPath, 0);
                    continue;
                }
                if (whatIf)
                {
                    yield return planned.AsWhatIf();
                    continue;
                }
                MediaSyncError? error = null;
                try { DeleteEntry(entry); }
                catch (Exception e) when (Errors.IsIoFailure(e)) { error = Errors.DeleteFailed(entry.FullPath, e); }
                if (error != null)
                {
                    host.WriteError(error);
                    yield return new PublishResult(PublishAction.Failed, PublishReason.Error, entry.Key, entry.FullPath, 0, error: error);
                }
                else yield return planned;
            }
        }

        /// <summary>Deletes a file, or a link itself (never what it points to).</summary>
        private static void DeleteEntry(TreeEntry entry)
        {
            if (entry.IsLink && RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && Directory.Exists(entry.FullPath))
                Directory.Delete(entry.FullPath, recursive: false); // a Windows folder link is removed as a folder
            else
                File.Delete(entry.FullPath);
        }

        private static bool IsLink(string path) => Platform.FileLinks.Inspect(path) == Platform.EntryKind.Link;

        private static void RemoveEmptyFolders(string folder)
        {
            foreach (var child in Directory.GetDirectories(folder))
                if (!IsLink(child)) RemoveEmptyFolders(child);
            TryRemoveEmpty(folder);
        }

        internal static void PruneUpwards(string folder, string destination)
        {
            var stop = destination.TrimEnd(Path.DirectorySeparatorChar);
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
