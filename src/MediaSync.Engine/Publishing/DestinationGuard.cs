using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Platform;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// The one check a publish to a folder passes before anything is listed or written, whoever asks for it
    /// (Publish-Media, Sync-Media, the CLI, the Azure DevOps task), as rclone refuses to sync overlapping remotes: the
    /// folder is no source root, lies inside none and contains none; and where Clean or -Delete would empty it, it is no
    /// file-system root and holds no home folder. Paths are compared as real paths (links resolved), and without case
    /// where either file system ignores it.
    /// </summary>
    internal static class DestinationGuard
    {
        /// <summary>The folder a publish writes to: the request's, or a folder store's; null for a store that is no folder.</summary>
        public static string? FolderOf(PublishRequest request, IMediaStore? store) =>
            store is FolderStore folder ? folder.Folder : store == null ? request.Destination : null;

        /// <summary>The source roots of <paramref name="files"/>. A manifest is generated where it is written, so its folder is none.</summary>
        public static IEnumerable<string> SourceRoots(IEnumerable<MediaFile> files) =>
            files.Where(file => !file.IsManifest).Select(file => file.SourceRoot).Distinct(StringComparer.Ordinal);

        /// <summary>Throws the refusal for a publish of files from <paramref name="sourceRoots"/>, if there is one.</summary>
        public static void Require(PublishRequest request, IMediaStore? store, IEnumerable<string> sourceRoots)
        {
            var folder = FolderOf(request, store);
            // A file there is no folder to compare: that is the first thing wrong with it.
            if (folder != null && File.Exists(folder)) throw new MediaSyncException(Errors.DestinationIsFile(folder));
            if (folder != null && Refusal(folder, sourceRoots, request.Cleans, request.Deletes, request.HomeFolder) is MediaSyncError refusal)
                throw new MediaSyncException(refusal);
        }

        /// <summary>Why files from <paramref name="sourceRoots"/> may not be published to <paramref name="folder"/>, or null.</summary>
        public static MediaSyncError? Refusal(string folder, IEnumerable<string> sourceRoots, bool clean, bool delete, string? home = null)
        {
            var full = Path.GetFullPath(folder);
            var real = FileLinks.RealPathOfPlanned(full);
            if ((clean || delete) && Broad(real, home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)) is string why)
                return clean ? Errors.CleanRefused(full, why) : Errors.DeleteRefused(full, why);
            foreach (var root in sourceRoots.Where(root => !string.IsNullOrEmpty(root)))
            {
                var realRoot = FileLinks.RealPathOfPlanned(root);
                var comparison = CaseSensitivity.Detect(real) && CaseSensitivity.Detect(realRoot) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                var overlap = TreeWalker.IsSameOrInside(real, realRoot, comparison)
                    ? (TreeWalker.IsSameOrInside(realRoot, real, comparison) ? "is the source" : "lies inside the source")
                    : TreeWalker.IsSameOrInside(realRoot, real, comparison) ? "contains the source" : null;
                if (overlap != null)
                    return Errors.DestinationOverlapsSource(full, overlap, root, Differs(real, full), Differs(realRoot, Path.GetFullPath(root)));
            }
            return null;
        }

        /// <summary>Why emptying <paramref name="real"/> would lose far more than published media, or null.</summary>
        private static string? Broad(string real, string home)
        {
            var root = Path.GetPathRoot(real);
            if (!string.IsNullOrEmpty(root) && TreeWalker.IsSameOrInside(root!, real)) return "it is the root of a file system";
            if (!string.IsNullOrEmpty(home) && TreeWalker.IsSameOrInside(FileLinks.RealPathOfPlanned(home), real)) return "it is your home folder, or contains it";
            return null;
        }

        private static string? Differs(string real, string given) => string.Equals(real.TrimEnd(Path.DirectorySeparatorChar), given.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal) ? null : real;
    }
}
