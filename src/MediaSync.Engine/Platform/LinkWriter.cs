using System;
using System.IO;

namespace MediaSync.Platform
{
    /// <summary>
    /// Makes the link for one published file: a symbolic link, or a hard link where symbolic links are
    /// not allowed (Windows without the privilege). A stale link is replaced by renaming a new one over it.
    /// </summary>
    internal static class LinkWriter
    {
        /// <summary>Links <paramref name="target"/> to <paramref name="source"/>; the target's folder must exist.</summary>
        public static bool TryLink(string source, string target, out Exception? error)
        {
            error = null;
            var replacing = FileLinks.Inspect(target) == EntryKind.Link;
            try
            {
                Place(target, replacing, path => FileLinks.CreateSymbolicLink(path, source, isDirectory: false));
                return true;
            }
            catch (Exception e) when (FileLinks.IsLinkUnsupported(e))
            {
                try
                {
                    Place(target, replacing, path => FileLinks.CreateHardLink(path, source));
                    return true;
                }
                catch (Exception hardLinkError)
                {
                    error = new IOException($"symbolic link not permitted ({e.Message}); hard link failed ({hardLinkError.Message})", hardLinkError);
                    return false;
                }
            }
            catch (Exception e)
            {
                error = e;
                return false;
            }
        }

        private static void Place(string target, bool replacing, Action<string> create)
        {
            // A new link at a free path is made in place; creation fails rather than replace anything that appeared meanwhile.
            if (!replacing)
            {
                create(target);
                return;
            }
            var temp = AtomicFile.TempPathFor(target);
            try
            {
                create(temp);
                AtomicFile.MoveOver(temp, target);
            }
            catch
            {
                AtomicFile.TryDelete(temp);
                throw;
            }
        }
    }
}
