using System;
using System.Collections.Generic;
using System.IO;

namespace MediaSync.Platform
{
    /// <summary>
    /// The folders between a destination and the files written into it. A link planted among them (<c>out/css -> ../victim</c>)
    /// would carry every write, and every delete, out of the destination. The destination itself may be a link (a user
    /// may point it at a linked folder); below it, only real folders are written through. Checked at each write and
    /// delete, not once per run, so a link planted while a publish runs is caught too.
    /// </summary>
    internal static class DestinationFolders
    {
        private static readonly object Replacing = new object();

        /// <summary>
        /// Makes every folder from <paramref name="root"/> (exclusive) down to <paramref name="folder"/> a real folder: a link
        /// on the way is removed (the link itself, never what it points to) and a real folder made in its place, as rsync
        /// does without -K. A file on the way is an <see cref="IOException"/> naming it.
        /// </summary>
        public static void EnsureReal(string root, string folder)
        {
            foreach (var component in Below(root, folder))
            {
                var kind = FileLinks.Inspect(component);
                if (kind == EntryKind.Directory) continue;
                // Parallel writes into one folder all meet its link (or its gap while one of them replaces it): one at a
                // time looks again, replaces a link and makes the folder; the others then find the folder.
                lock (Replacing)
                {
                    kind = FileLinks.Inspect(component);
                    if (kind == EntryKind.Link) FileLinks.DeleteLink(component);
                    if (kind == EntryKind.Link || kind == EntryKind.None) Directory.CreateDirectory(component);
                    // CreateDirectory succeeds on a link to a folder too, so what stands there now is looked at again
                    kind = FileLinks.Inspect(component);
                }
                if (kind != EntryKind.Directory)
                    throw new IOException($"'{component}' is {(kind == EntryKind.Link ? "a link" : "not a folder")}, so nothing is written through it.");
            }
        }

        /// <summary>The first folder from <paramref name="root"/> (exclusive) down to <paramref name="folder"/> that is a link or missing, or null when all are real folders.</summary>
        public static string? FirstNotReal(string root, string folder)
        {
            foreach (var component in Below(root, folder))
                if (FileLinks.Inspect(component) != EntryKind.Directory) return component;
            return null;
        }

        /// <summary>The folders strictly below <paramref name="root"/> that lead to <paramref name="folder"/>, top first.</summary>
        private static IEnumerable<string> Below(string root, string folder)
        {
            var top = Path.GetFullPath(root);
            if (top.Length > (Path.GetPathRoot(top) ?? "").Length) top = top.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (folder.Length <= top.Length) yield break;
            var rest = folder.Substring(top.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
            var current = top;
            foreach (var segment in rest)
            {
                current = Path.Combine(current, segment);
                yield return current;
            }
        }
    }
}
