using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>What <c>Get-MediaFile</c> asks for.</summary>
    internal sealed class MediaDiscoveryRequest
    {
        /// <summary>Project media roots, highest precedence first. Absolute paths.</summary>
        public IList<string> Roots { get; set; } = new List<string>();

        /// <summary>App folders, after the roots in precedence order. Absolute paths.</summary>
        public IList<string> Apps { get; set; } = new List<string>();

        /// <summary>The folder inside each app that holds its media, unless the app's mediasync.json says otherwise.</summary>
        public string MediaDirectoryName { get; set; } = "media";

        public IList<string> Include { get; set; } = new List<string>();
        public IList<string> Exclude { get; set; } = new List<string>();

        /// <summary>Only these keys (globs allowed).</summary>
        public IList<string> Names { get; set; } = new List<string>();

        /// <summary>Also emit the shadowed candidates, right after their winner.</summary>
        public bool All { get; set; }

        /// <summary>Include hidden files, dot-names, '_' folders and '_' preprocessor partials.</summary>
        public bool Force { get; set; }

        /// <summary>
        /// Only files added or changed since this git revision, plus deletions (<see cref="MediaFile.Deleted"/>);
        /// null finds every file.
        /// </summary>
        public string? ChangedSince { get; set; }

        /// <summary>Follow links that lead outside their root too; without it they are skipped with a warning (<see cref="LinkPolicy"/>).</summary>
        public bool FollowLinks { get; set; }
    }

    /// <summary>One place media comes from: a project root, or an app's media folder.</summary>
    public sealed class MediaSource
    {
        public MediaSource(string name, string folder)
        {
            Name = name;
            Folder = folder;
        }

        public string Name { get; }
        public string Folder { get; }

        private string? _realFolder;

        /// <summary>The folder with every link along it resolved: what a link must stay inside.</summary>
        internal string RealFolder => _realFolder ??= Platform.FileLinks.RealPath(Folder) ?? Folder;
    }

    /// <summary>
    /// Finds media in project roots and app media folders. The first source that has a key wins; the
    /// winner lists the candidates it shadows. Files stream out while the walk goes on.
    /// </summary>
    internal static class MediaDiscovery
    {
        /// <summary>
        /// Checks the request and resolves its sources; throws <see cref="MediaSyncException"/> on bad input. A root or
        /// app that does not exist is one error through <paramref name="host"/>, as Get-ChildItem reports a missing
        /// path, and is added to <paramref name="missing"/>; the others are still searched.
        /// </summary>
        public static IReadOnlyList<MediaSource> ResolveSources(MediaDiscoveryRequest request, IEngineHost host, List<string> missing)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            RequireFolderName(request.MediaDirectoryName);
            if (request.Roots.Count == 0 && request.Apps.Count == 0) throw new MediaSyncException(Errors.NoRoots());

            var sources = new List<MediaSource>();
            foreach (var root in request.Roots)
            {
                if (File.Exists(root)) throw new MediaSyncException(Errors.RootIsFile(root));
                if (!Directory.Exists(root))
                {
                    host.WriteError(Errors.RootNotFound(root));
                    missing.Add(root);
                    continue;
                }
                sources.Add(new MediaSource(MediaFile.ProjectSource, Path.GetFullPath(root)));
            }
            foreach (var app in request.Apps)
            {
                if (!Directory.Exists(app))
                {
                    host.WriteError(Errors.AppNotFound(app));
                    missing.Add(app);
                    continue;
                }
                var appFolder = Path.GetFullPath(app);
                var appName = new DirectoryInfo(appFolder).Name;
                var mediaFolder = MediaFolderOf(appFolder, request.MediaDirectoryName);
                if (!Directory.Exists(mediaFolder))
                {
                    host.WriteVerbose($"App '{appName}' has no '{Path.GetFileName(mediaFolder)}' folder; it adds no media.");
                    continue;
                }
                sources.Add(new MediaSource(appName, mediaFolder));
            }
            return sources;
        }

        /// <summary>
        /// The folders that are the request's sources, as <see cref="ResolveSources"/> finds them but reporting nothing:
        /// a publish checks them against its destination before anything is listed.
        /// </summary>
        public static IEnumerable<string> SourceFolders(MediaDiscoveryRequest request) =>
            request.Roots.Where(Directory.Exists).Select(Path.GetFullPath)
                .Concat(request.Apps.Where(Directory.Exists).Select(app => MediaFolderOf(Path.GetFullPath(app), request.MediaDirectoryName)).Where(Directory.Exists))
                .ToList();

        /// <summary>An app's media folder: the name its settings give, or the request's.</summary>
        private static string MediaFolderOf(string appFolder, string mediaDirectoryName)
        {
            var name = AppSettings.ReadMediaDirectoryName(appFolder) ?? mediaDirectoryName;
            RequireFolderName(name);
            return Path.Combine(appFolder, name);
        }

        /// <summary>
        /// Validates eagerly, then returns the lazily streamed files. Per-item problems (links, unreadable
        /// folders) go to <paramref name="host"/> as errors and the walk goes on.
        /// </summary>
        public static IEnumerable<MediaFile> Discover(MediaDiscoveryRequest request, IEngineHost host)
        {
            var missing = new List<string>();
            var sources = ResolveSources(request, host, missing);
            var links = new LinkPolicy(request.FollowLinks, host);
            var found = Find(request, host, sources, links);
            // Files found without some of their sources carry the list, so no publisher deletes what those held; each
            // carries the skipped links too, so none deletes what a destination holds under them.
            return found.Select(file =>
            {
                if (missing.Count > 0) file.MissingSources = missing;
                file.SkippedLinks = links.SkippedKeys;
                return file;
            });
        }

        private static IEnumerable<MediaFile> Find(MediaDiscoveryRequest request, IEngineHost host, IReadOnlyList<MediaSource> sources, LinkPolicy links)
        {
            var filter = new KeyFilter(request.Include, request.Exclude);
            var names = request.Names.Where(n => !string.IsNullOrEmpty(n)).Select(n => n.Replace('\\', '/').TrimStart('/')).ToList();
            if (request.ChangedSince != null)
            {
                // git or svn runs now, so a bad revision or folder is a terminating error before any output.
                var changes = ChangeSources.Since(request.ChangedSince, sources.Select(source => source.Folder).ToList(), host.Cancellation);
                return DiscoverChanged(sources, changes, names.Select(n => new Glob(n)).ToList(), filter, request, links);
            }
            return names.Count > 0 && names.All(n => !Glob.HasWildcards(n))
                ? DiscoverNamed(sources, names, filter, request, host, links)
                : DiscoverAll(sources, names.Select(n => new Glob(n)).ToList(), filter, request, host, links);
        }

        private static IEnumerable<MediaFile> DiscoverAll(IReadOnlyList<MediaSource> sources, List<Glob> names, KeyFilter filter,
            MediaDiscoveryRequest request, IEngineHost host, LinkPolicy links)
        {
            // Keys already emitted by a higher-precedence source; only needed when sources can collide.
            var emitted = sources.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
            var walker = new TreeWalker(request.Force, followLinks: true, host.WriteError, host.Cancellation, links: links);
            for (var rank = 0; rank < sources.Count; rank++)
            {
                var source = sources[rank];
                foreach (var entry in walker.Walk(source.Folder))
                {
                    if (!filter.Accepts(entry.Key)) continue;
                    if (names.Count > 0 && !names.Any(g => g.IsMatch(entry.Key))) continue;
                    if (emitted != null && !emitted.Add(entry.Key)) continue;
                    foreach (var file in WinnerAndShadowed(sources, rank, entry.Key, entry.FullPath, entry.Info, request, links)) yield return file;
                }
            }
        }

        private static IEnumerable<MediaFile> DiscoverNamed(IReadOnlyList<MediaSource> sources, List<string> names, KeyFilter filter,
            MediaDiscoveryRequest request, IEngineHost host, LinkPolicy links)
        {
            foreach (var key in names.Distinct(StringComparer.Ordinal))
            {
                if (!MediaKey.IsValid(key, out var problem)) throw new MediaSyncException(Errors.InvalidName(key, problem!));
                if (!filter.Accepts(key)) continue;
                for (var rank = 0; rank < sources.Count; rank++)
                {
                    var info = Probe(sources[rank], key, request.Force, links);
                    if (info == null) continue;
                    foreach (var file in WinnerAndShadowed(sources, rank, key, MediaKey.ToPath(sources[rank].Folder, key), info, request, links)) yield return file;
                    break;
                }
                host.Cancellation.ThrowIfCancellationRequested();
            }
        }

        /// <summary>
        /// The files behind changed keys: the key's winner when it changed, or when a higher source's copy was deleted
        /// (a shadowed file shows again); a deletion when no source has the key any more. A change to a shadowed copy
        /// alone changes nothing that is published.
        /// </summary>
        private static IEnumerable<MediaFile> DiscoverChanged(IReadOnlyList<MediaSource> sources, IReadOnlyList<VersionedChange> changes,
            List<Glob> names, KeyFilter filter, MediaDiscoveryRequest request, LinkPolicy links)
        {
            var byKey = new SortedDictionary<string, List<(int Rank, VersionedChange Change)>>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                var rank = IndexOf(sources, change.Folder);
                var key = MediaKey.TryFromRelativePath(change.RelativePath, out _);
                if (rank < 0 || key == null || !filter.Accepts(key) || (names.Count > 0 && !names.Any(g => g.IsMatch(key)))) continue;
                if (!request.Force && TreeWalker.IsIgnoredKey(key)) continue;
                if (!byKey.TryGetValue(key, out var entries)) byKey[key] = entries = new List<(int, VersionedChange)>();
                entries.Add((rank, change));
            }
            foreach (var pair in byKey)
            {
                var key = pair.Key;
                var winner = Enumerable.Range(0, sources.Count).Select(rank => (Rank: rank, Info: Probe(sources[rank], key, request.Force, links)))
                    .FirstOrDefault(candidate => candidate.Info != null);
                if (winner.Info == null)
                {
                    var deleted = pair.Value.FirstOrDefault(e => e.Change.Change == MediaChange.Deleted);
                    if (deleted.Change != null)
                        yield return MediaFile.Deletion(key, MediaKey.ToPath(sources[deleted.Rank].Folder, key), sources[deleted.Rank].Name, sources[deleted.Rank].Folder);
                    continue;
                }
                var own = pair.Value.FirstOrDefault(e => e.Rank == winner.Rank && e.Change.Change != MediaChange.Deleted);
                var uncovered = pair.Value.Any(e => e.Rank < winner.Rank && e.Change.Change == MediaChange.Deleted);
                if (own.Change == null && !uncovered) continue;
                var action = own.Change?.Change ?? MediaChange.Modified;
                foreach (var file in WinnerAndShadowed(sources, winner.Rank, key, MediaKey.ToPath(sources[winner.Rank].Folder, key), winner.Info, request, links))
                {
                    if (!file.IsOverridden) file.Action = action;
                    yield return file;
                }
            }
        }

        private static int IndexOf(IReadOnlyList<MediaSource> sources, string folder)
        {
            for (var rank = 0; rank < sources.Count; rank++)
                if (string.Equals(sources[rank].Folder, folder, StringComparison.Ordinal)) return rank;
            return -1;
        }

        private static IEnumerable<MediaFile> WinnerAndShadowed(IReadOnlyList<MediaSource> sources, int rank, string key,
            string fullPath, FileInfo info, MediaDiscoveryRequest request, LinkPolicy links)
        {
            var shadowed = new List<(MediaSource Source, string Path, FileInfo Info)>();
            for (var lower = rank + 1; lower < sources.Count; lower++)
            {
                var candidate = Probe(sources[lower], key, request.Force, links);
                if (candidate != null) shadowed.Add((sources[lower], MediaKey.ToPath(sources[lower].Folder, key), candidate));
            }
            // most keys shadow nothing: one shared empty list, not one per file
            IReadOnlyList<MediaCandidate> overrides = shadowed.Count == 0 ? Array.Empty<MediaCandidate>() : shadowed.Select(s => new MediaCandidate(s.Source.Name, s.Path)).ToList();
            yield return Create(key, fullPath, info, sources[rank], overrides, isOverridden: false);
            if (!request.All) yield break;
            foreach (var (source, path, candidateInfo) in shadowed)
                yield return Create(key, path, candidateInfo, source, null, isOverridden: true);
        }

        /// <summary>The file with <paramref name="key"/> in <paramref name="source"/>, if it is there and not ignored.</summary>
        private static FileInfo? Probe(MediaSource source, string key, bool force, LinkPolicy links)
        {
            var path = MediaKey.ToPath(source.Folder, key);
            if (!force && TreeWalker.IsIgnoredKey(key)) return null;
            var info = Platform.FileLinks.FollowToFile(path);
            if (info == null) return null;
            if (!force && (File.GetAttributes(path) & FileAttributes.Hidden) != 0) return null;
            // a path reaches outside its source only through a link, on it or on a folder above it
            return links.Allows(path, key, source.RealFolder) ? info : null;
        }

        private static MediaFile Create(string key, string fullPath, FileInfo info, MediaSource source,
            IReadOnlyList<MediaCandidate>? overrides, bool isOverridden) =>
            new MediaFile(key, fullPath, source.Name, source.Folder, new FileContent(fullPath, info.Length, info.LastWriteTimeUtc), info.LastWriteTimeUtc,
                overrides, isOverridden);

        private static void RequireFolderName(string name)
        {
            if (string.IsNullOrWhiteSpace(name) || name == "." || name == ".." || name.IndexOfAny(new[] { '/', '\\' }) >= 0
                || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                throw new MediaSyncException(Errors.InvalidMediaDirectoryName(name));
        }
    }
}
