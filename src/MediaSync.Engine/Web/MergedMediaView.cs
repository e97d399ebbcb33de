using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MediaSync.Content;
using MediaSync.Discovery;
using MediaSync.Platform;
using MediaSync.Processing;
using MediaSync.Reporting;

namespace MediaSync.Web
{
    /// <summary>A file as the server sends it: opened from disk at the time of the request, and streamed.</summary>
    internal sealed class ServedFile
    {
        public ServedFile(long length, DateTime lastWriteTimeUtc, string contentType, Func<Stream> open)
        {
            Length = length;
            LastWriteTimeUtc = lastWriteTimeUtc;
            ContentType = contentType;
            Open = open;
        }

        public long Length { get; }
        public DateTime LastWriteTimeUtc { get; }
        public string ContentType { get; }
        /// <summary>Opens the content for reading; throws IOException or UnauthorizedAccessException as the file does.</summary>
        public Func<Stream> Open { get; }

        /// <summary>A regular file, unbuffered: the server copies it to the response through one fixed buffer.</summary>
        public static Func<Stream> Reader(string path) =>
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
    }

    /// <summary>Thrown by <see cref="MergedMediaView.Find"/> for a FIFO, device or socket, which is never opened: opening a FIFO waits for a writer.</summary>
    internal sealed class NotAFileException : Exception
    {
        public NotAFileException(string path) : base(Errors.NotAFile(path).Message) { }
    }

    /// <summary>
    /// The media as Get-MediaFile merges it, looked up one key at a time: the first source that has the key wins, and
    /// a bundle key is its members joined as Join-MediaBundle joins them. Only what lies inside a source, once every
    /// link on the way is resolved, can be found.
    /// </summary>
    internal sealed class MergedMediaView
    {
        private readonly IReadOnlyList<(MediaSource Source, string RealFolder)> _sources;
        private readonly Dictionary<string, BundleDefinition> _bundles;
        private readonly IEngineHost _log;

        /// <summary><paramref name="log"/> gets what joining a bundle warns of.</summary>
        public MergedMediaView(IReadOnlyList<MediaSource> sources, IEnumerable<BundleDefinition> bundles, Action<string> log)
        {
            _log = new LogHost(log);
            _sources = sources.Select(s => (s, RealPath(s.Folder) ?? s.Folder)).ToList();
            _bundles = bundles.ToDictionary(b => b.Name, StringComparer.Ordinal);
        }

        /// <summary>The key a request path names, or null for one that could reach outside (.., \, a drive, an empty segment).</summary>
        public static string? KeyOf(string rawUrl)
        {
            var path = rawUrl.Split('?', '#')[0];
            string decoded;
            try { decoded = Uri.UnescapeDataString(path); }
            catch (UriFormatException) { return null; }
            if (decoded.IndexOf('\\') >= 0 || decoded.IndexOf('\0') >= 0 || decoded.IndexOf(':') >= 0 || !decoded.StartsWith("/", StringComparison.Ordinal)) return null;
            var key = decoded.Substring(1);
            if (key.Length == 0) return "";
            var segments = key.TrimEnd('/').Split('/');
            return segments.Any(s => s.Length == 0 || s == "." || s == "..") ? null : string.Join("/", segments);
        }

        public ServedFile? Find(string key)
        {
            if (key.Length == 0) return null;
            if (_bundles.TryGetValue(key, out var bundle)) return Bundle(bundle);
            var path = Resolve(key);
            if (path == null) return null;
            var info = RegularFile(path);
            return new ServedFile(info.Length, info.LastWriteTimeUtc, ContentTypes.ForPath(key), ServedFile.Reader(path));
        }

        /// <summary>The merged entries of the folder at <paramref name="key"/> (folders end in '/'), or null when no source has it.</summary>
        public IReadOnlyList<string>? List(string key)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            var any = false;
            foreach (var (source, real) in _sources)
            {
                var folder = key.Length == 0 ? source.Folder : MediaKey.ToPath(source.Folder, key);
                if (!Directory.Exists(folder) || !IsInside(real, folder)) continue;
                any = true;
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                    if (!TreeWalker.IsIgnoredName(entry.Name, entry.Attributes, entry is DirectoryInfo)) names.Add(entry is DirectoryInfo ? entry.Name + "/" : entry.Name);
            }
            if (key.Length == 0) names.UnionWith(_bundles.Keys.Where(k => k.IndexOf('/') < 0));
            else names.UnionWith(_bundles.Keys.Where(k => k.StartsWith(key + "/", StringComparison.Ordinal) && k.IndexOf('/', key.Length + 1) < 0)
                .Select(k => k.Substring(key.Length + 1)));
            return any || key.Length == 0 ? names.ToList() : null;
        }

        /// <summary>The winning file's path for <paramref name="key"/>, or null.</summary>
        private string? Resolve(string key)
        {
            if (TreeWalker.IsIgnoredKey(key)) return null;
            foreach (var (source, real) in _sources)
            {
                var path = MediaKey.ToPath(source.Folder, key);
                if (FileLinks.FollowToFile(path) == null) continue;
                // a link anywhere on the way may lead out of the source: only the real path decides
                var resolved = RealPath(path);
                if (resolved == null || !TreeWalker.IsSameOrInside(resolved, real)) return null;
                return resolved;
            }
            return null;
        }

        private ServedFile? Bundle(BundleDefinition bundle)
        {
            var members = bundle.Members.Select(m => (Key: m, Path: Resolve(m))).ToList();
            if (members.Any(m => m.Path == null)) return null;
            var infos = members.Select(m => RegularFile(m.Path!)).ToList();
            Stream Join()
            {
                var files = members.Select((m, i) => new MediaFile(m.Key, m.Path!, MediaFile.ProjectSource, Path.GetDirectoryName(m.Path!)!,
                    new FileContent(m.Path!, infos[i].Length), infos[i].LastWriteTimeUtc)).ToList();
                var joined = MediaBundler.Bundle(files, new[] { bundle }, _log).Single();
                return new MemoryStream(joined.Content.ReadAllBytes(), writable: false);   // a bundle is joined in memory, as Join-MediaBundle joins it
            }
            return new ServedFile(infos.Sum(i => i.Length), infos.Max(i => i.LastWriteTimeUtc), ContentTypes.ForPath(bundle.Name), Join);
        }

        /// <summary>The file at <paramref name="path"/> (a resolved path, no link), asked about before anything opens it, as discovery does.</summary>
        private static FileInfo RegularFile(string path)
        {
            var info = new FileInfo(path);
            if (SpecialFiles.IsSpecial(info)) throw new NotAFileException(path);
            return info;
        }

        private bool IsInside(string real, string folder) => RealPath(folder) is string resolved && TreeWalker.IsSameOrInside(resolved, real);

        /// <summary>The path with every link on the way resolved, or null when a link leads nowhere.</summary>
        private static string? RealPath(string path)
        {
            var full = Path.GetFullPath(path);
            var root = Path.GetPathRoot(full)!;
            var current = root;
            foreach (var segment in full.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Combine(current, segment);
                if (FileLinks.Inspect(next) == EntryKind.Link)
                {
                    var target = FileLinks.ResolveFinalTarget(next);
                    if (target == null) return null;
                    next = RealPath(target);
                    if (next == null) return null;
                }
                current = next;
            }
            return current;
        }
    }

    /// <summary>A host for work done off the caller's thread: messages go to a log, and nothing is asked.</summary>
    internal sealed class LogHost : IEngineHost
    {
        private readonly Action<string> _log;

        public LogHost(Action<string> log) => _log = log;

        public System.Threading.CancellationToken Cancellation => System.Threading.CancellationToken.None;
        public void WriteVerbose(string message) { }
        public void WriteWarning(string message) => _log("WARNING: " + message);
        public void WriteError(MediaSyncError error) => _log("ERROR: " + error.Message);
        public void WriteProgress(ProgressReport progress) { }
        public bool ShouldProcess(string target, string action) => true;
        public bool ShouldProcessHighImpact(string target, string action, string warning) => false;
    }
}
