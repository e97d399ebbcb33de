using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MediaSync.Platform;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>One file (or, when links are not followed, one link) found under a root.</summary>
    internal sealed class TreeEntry
    {
        public TreeEntry(string fullPath, string key, FileInfo info, bool isLink)
        {
            FullPath = fullPath;
            Key = key;
            Info = info;
            IsLink = isLink;
        }

        public string FullPath { get; }
        public string Key { get; }
        public FileInfo Info { get; }
        public bool IsLink { get; }
    }

    /// <summary>
    /// Walks a folder in sorted order. Sources are walked following links, with loop detection;
    /// destinations are walked without following them, so a link is reported, never entered.
    /// </summary>
    internal sealed class TreeWalker
    {
        private const int MaxLinkDepth = 40;

        private readonly bool _includeHidden;
        private readonly bool _followLinks;
        private readonly Action<MediaSyncError> _onError;
        private readonly CancellationToken _cancellation;
        private readonly Action<string>? _onTempLeftover;
        private readonly LinkPolicy? _links;
        private readonly Func<string, bool>? _enterFolder;

        // onTempLeftover is told of each temp file an interrupted write left (hidden, so never listed); links, when
        // followed, decides which links that lead outside the root are followed (none without it); enterFolder,
        // given a folder's key, says whether to walk into it (tab completion walks only what can hold the prefix)
        public TreeWalker(bool includeHidden, bool followLinks, Action<MediaSyncError> onError, CancellationToken cancellation,
            Action<string>? onTempLeftover = null, LinkPolicy? links = null, Func<string, bool>? enterFolder = null)
        {
            _onTempLeftover = onTempLeftover;
            _links = links;
            _enterFolder = enterFolder;
            _includeHidden = includeHidden;
            _followLinks = followLinks;
            _onError = onError;
            _cancellation = cancellation;
        }

        /// <summary>
        /// Names MediaSync skips unless -Force: hidden, dot-names, folders starting with '_' (drafts, partials) and
        /// preprocessor partials (_x.scss). A published file starting with '_' is kept: real packages @import them
        /// (animate.css's _vars.css), and skipping it left a stylesheet importing a file that was never published.
        /// </summary>
        public static bool IsIgnoredName(string name, FileAttributes attributes, bool isFolder) =>
            name.StartsWith(".", StringComparison.Ordinal) || (attributes & FileAttributes.Hidden) != 0
            || (name.StartsWith("_", StringComparison.Ordinal) && (isFolder || IsPartialSource(name)));

        /// <summary>True when a key has an ignored segment: every segment but the last is a folder.</summary>
        public static bool IsIgnoredKey(string key)
        {
            var segments = key.Split('/');
            for (var i = 0; i < segments.Length; i++)
                if (IsIgnoredName(segments[i], 0, isFolder: i < segments.Length - 1)) return true;
            return false;
        }

        /// <summary>The Cache Directory Tagging standard's file (bford.info/cachedir), which the processing cache writes.</summary>
        public const string CacheTagName = "CACHEDIR.TAG";

        private static bool IsCacheFolder(string path)
        {
            try { return File.Exists(Path.Combine(path, CacheTagName)); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return false; }
        }

        private static readonly string[] PartialExtensions = { ".scss", ".sass", ".less", ".styl" };

        private static bool IsPartialSource(string name)
        {
            foreach (var extension in PartialExtensions)
                if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        public IEnumerable<TreeEntry> Walk(string root)
        {
            var rootReal = FileLinks.Inspect(root) == EntryKind.Link ? FileLinks.ResolveFinalTarget(root) ?? root : Path.GetFullPath(root);
            var ancestors = new List<string> { TrimSeparator(rootReal) };
            var rootRealPath = _links != null ? FileLinks.RealPath(root) ?? Path.GetFullPath(root) : "";
            return WalkFolder(new DirectoryInfo(root), "", ancestors, 0, rootRealPath);
        }

        private IEnumerable<TreeEntry> WalkFolder(DirectoryInfo folder, string keyPrefix, List<string> ancestors, int linkDepth, string rootRealPath)
        {
            _cancellation.ThrowIfCancellationRequested();
            FileSystemInfo[] children;
            try
            {
                children = folder.GetFileSystemInfos();
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is System.Security.SecurityException)
            {
                _onError(Errors.UnreadableFolder(folder.FullName, e));
                yield break;
            }
            Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));

            foreach (var child in children)
            {
                // a path over the limit has no FullName, and no call can be given it
                var path = Path.Combine(folder.FullName, child.Name);
                var tooLong = UnreachableNames.IsTooLong(path);
                if (!_includeHidden && IsIgnoredName(child.Name, SafeAttributes(child), child is DirectoryInfo))
                {
                    if (_onTempLeftover != null && Platform.AtomicFile.IsTempName(child.Name) && child is FileInfo) _onTempLeftover(path);
                    continue;
                }
                if (tooLong)
                {
                    _onError(Errors.PathTooLong(path, child is DirectoryInfo));
                    continue;
                }
                // a cache folder (MediaSync's out/cache, or any tool's) is never media, even when made inside a root
                if (!_includeHidden && child is DirectoryInfo && IsCacheFolder(path)) continue;
                var key = keyPrefix.Length == 0 ? child.Name : keyPrefix + "/" + child.Name;
                if (MediaKey.TryFromRelativePath(key, out var problem) == null)
                {
                    _onError(Errors.InvalidName(path, problem!));
                    continue;
                }

                EntryKind kind;
                try
                {
                    kind = FileLinks.Inspect(path);
                }
                catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
                {
                    // a folder that can be listed but not searched (r without x): none of its entries can be stat-ed
                    _onError(Errors.UnreadableFolder(folder.FullName, e));
                    yield break;
                }
                if (kind == EntryKind.None)
                {
                    // otherwise it went away since the listing, as a file may
                    if (UnreachableNames.WasMisdecoded(child.Name)) _onError(Errors.UndecodableName(path));
                    continue;
                }
                if (kind == EntryKind.Link)
                {
                    if (!_followLinks)
                    {
                        yield return new TreeEntry(path, key, new FileInfo(path), isLink: true);
                        continue;
                    }
                    var target = FileLinks.ResolveFinalTarget(path);
                    if (target == null)
                    {
                        _onError(Errors.BrokenLink(path));
                        continue;
                    }
                    if (_links != null && !_links.Allows(path, key, rootRealPath)) continue;
                    if (!Directory.Exists(target))
                    {
                        var targetFile = new FileInfo(target);
                        if (Platform.SpecialFiles.IsSpecial(targetFile))
                        {
                            _onError(Errors.NotAFile(path));
                            continue;
                        }
                        // the link's own FileInfo describes the link; size and time come from the target
                        yield return new TreeEntry(path, key, targetFile, isLink: true);
                        continue;
                    }
                    if (_enterFolder != null && !_enterFolder(key)) continue;
                    var targetReal = TrimSeparator(target);
                    if (linkDepth >= MaxLinkDepth || ancestors.Any(a => IsSameOrInside(a, targetReal)))
                    {
                        _onError(Errors.SymlinkLoop(path, target));
                        continue;
                    }
                    ancestors.Add(targetReal);
                    foreach (var entry in WalkFolder(new DirectoryInfo(path), key, ancestors, linkDepth + 1, rootRealPath)) yield return entry;
                    ancestors.RemoveAt(ancestors.Count - 1);
                }
                else if (kind == EntryKind.Directory)
                {
                    if (_enterFolder != null && !_enterFolder(key)) continue;
                    ancestors.Add(Path.Combine(ancestors[ancestors.Count - 1], child.Name));
                    foreach (var entry in WalkFolder((DirectoryInfo)child, key, ancestors, linkDepth, rootRealPath)) yield return entry;
                    ancestors.RemoveAt(ancestors.Count - 1);
                }
                else if (kind == EntryKind.File)
                {
                    if (Platform.SpecialFiles.IsSpecial((FileInfo)child)) _onError(Errors.NotAFile(path));
                    else yield return new TreeEntry(path, key, (FileInfo)child, isLink: false);
                }
            }
        }

        // -1 means the entry could not be stat-ed (it reads as every flag, Hidden among them): only its name counts then
        private static FileAttributes SafeAttributes(FileSystemInfo info)
        {
            try { return info.Attributes == (FileAttributes)(-1) ? 0 : info.Attributes; }
            catch (IOException) { return 0; }
        }

        private static string TrimSeparator(string path) =>
            path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : path;

        /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or lies inside it.</summary>
        internal static bool IsSameOrInside(string inner, string outer) => IsSameOrInside(inner, outer, PathComparison.ForPlatform);

        /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or lies inside it, names compared as <paramref name="comparison"/> says.</summary>
        internal static bool IsSameOrInside(string inner, string outer, StringComparison comparison)
        {
            inner = TrimSeparator(inner);
            outer = TrimSeparator(outer);
            if (string.Equals(inner, outer, comparison)) return true;
            var prefix = outer.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? outer : outer + Path.DirectorySeparatorChar;
            return inner.StartsWith(prefix, comparison);
        }
    }

    internal static class PathComparison
    {
        /// <summary>How the local platform compares paths by default.</summary>
        public static readonly StringComparison ForPlatform =
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
            || System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX)
                ? StringComparison.OrdinalIgnoreCase
                : StringComparison.Ordinal;
    }
}
