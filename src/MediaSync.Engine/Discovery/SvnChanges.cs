using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>
    /// Files added, changed or deleted under some folders since a Subversion revision, as the ancestor's SVN-diff
    /// publisher took them: <c>svn diff --summarize -r REV:HEAD</c> for what was committed since, and <c>svn status</c>
    /// for what changed in the working copy (unversioned files count as added, missing ones as deleted).
    /// </summary>
    internal static class SvnChanges
    {
        public static bool Covers(string folder, CancellationToken cancellation) =>
            VersionControl.Succeeds("svn", folder, cancellation, _ => true, "--non-interactive", "info", "--show-item", "wc-root", ".");

        public static IReadOnlyList<VersionedChange> Since(string revision, IReadOnlyList<string> folders, CancellationToken cancellation)
        {
            var places = new List<(string Folder, string Prefix)>();
            string? root = null;
            foreach (var folder in folders)
            {
                var (exit, output, _) = Svn(folder, cancellation, "info", "--show-item", "wc-root", ".");
                if (exit != 0) throw new MediaSyncException(Errors.NotAGitWorkTree(folder));
                var here = output.Trim();
                if (root != null && root != here) throw new MediaSyncException(Errors.ConflictingArguments(
                    $"{OptionNames.Of("ChangedSince")} compares one working copy, and '{folder}' is in another ('{here}', not '{root}')."));
                root = here;
                var relative = Path.GetFullPath(folder).Substring(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar).Length).Trim(Path.DirectorySeparatorChar);
                places.Add((folder, relative.Length == 0 ? "" : relative.Replace('\\', '/') + "/"));
            }
            if (Svn(root!, cancellation, "info", "-r", revision, ".").Exit != 0) throw new MediaSyncException(Errors.UnknownRevision(revision, root!, svn: true));

            var changed = new Dictionary<string, MediaChange>(StringComparer.Ordinal);
            var targets = places.Select(p => p.Prefix.Length == 0 ? "." : p.Prefix.TrimEnd('/')).Distinct().ToArray();
            var diff = Svn(root!, cancellation, new[] { "diff", "--summarize", "--xml", "-r", revision + ":HEAD" }.Concat(targets).ToArray());
            if (diff.Exit != 0) throw new MediaSyncException(Errors.SvnFailed("diff", diff.Error));
            foreach (var path in XDocument.Parse(diff.Output).Descendants("path").Where(p => (string?)p.Attribute("kind") == "file"))
                changed[Normalize(path.Value)] = Change((string?)path.Attribute("item"));
            var status = Svn(root!, cancellation, new[] { "status", "--xml" }.Concat(targets).ToArray());
            if (status.Exit != 0) throw new MediaSyncException(Errors.SvnFailed("status", status.Error));
            foreach (var entry in XDocument.Parse(status.Output).Descendants("entry"))
            {
                var item = (string?)entry.Element("wc-status")?.Attribute("item");
                var path = Normalize((string?)entry.Attribute("path") ?? "");
                if (item == null || item == "normal" || item == "ignored" || item == "external") continue;
                // a local change wins over what was committed: the working copy is what is published
                if (item == "unversioned" && Directory.Exists(Path.Combine(root!, path)))
                {
                    foreach (var file in Directory.EnumerateFiles(Path.Combine(root!, path), "*", SearchOption.AllDirectories))
                        changed[Normalize(file.Substring(root!.Length + 1))] = MediaChange.Added;
                    continue;
                }
                if (Directory.Exists(Path.Combine(root!, path))) continue;
                changed[path] = Change(item);
            }
            return (from change in changed
                    from place in places
                    where change.Key.StartsWith(place.Prefix, StringComparison.Ordinal)
                    select new VersionedChange(place.Folder, change.Key.Substring(place.Prefix.Length), change.Value)).ToList();
        }

        private static string Normalize(string path)
        {
            path = path.Replace('\\', '/');
            return path == "." ? "" : path.StartsWith("./", StringComparison.Ordinal) ? path.Substring(2) : path.TrimStart('/');
        }

        private static MediaChange Change(string? item) =>
            item == "added" || item == "unversioned" ? MediaChange.Added
            : item == "deleted" || item == "missing" ? MediaChange.Deleted
            : MediaChange.Modified;

        private static (int Exit, string Output, string Error) Svn(string workingDirectory, CancellationToken cancellation, params string[] arguments) =>
            VersionControl.Run("svn", workingDirectory, cancellation, new[] { "--non-interactive" }.Concat(arguments).ToArray());
    }
}
