using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>
    /// Files added, changed or deleted under some folders since a git revision, as the git CLI sees the work tree:
    /// committed, staged and unstaged changes, plus untracked files that are not ignored. Renames count as a
    /// deletion and an addition, which is what a publish needs.
    /// </summary>
    internal static class GitChanges
    {
        /// <summary>Whether <paramref name="folder"/> is inside a git work tree.</summary>
        public static bool Covers(string folder, CancellationToken cancellation) =>
            VersionControl.Succeeds("git", folder, cancellation, output => output.Trim() == "true", "rev-parse", "--is-inside-work-tree");

        public static IReadOnlyList<VersionedChange> Since(string revision, IReadOnlyList<string> folders, CancellationToken cancellation)
        {
            // Each folder's place in the repository as git names it, so symlinked paths (/tmp on macOS) cannot confuse it.
            var prefixes = new List<(string Folder, string Prefix)>();
            string? top = null;
            foreach (var folder in folders)
            {
                var (exit, output, _) = Git(folder, cancellation, "rev-parse", "--show-toplevel", "--show-prefix");
                var lines = output.Split('\n');
                if (exit != 0 || lines.Length < 2) throw new MediaSyncException(Errors.NotAGitWorkTree(folder));
                if (top != null && top != lines[0].Trim()) throw new MediaSyncException(Errors.ConflictingArguments(
                    $"{OptionNames.Of("ChangedSince")} compares one git repository, and '{folder}' is in another ('{lines[0].Trim()}', not '{top}')."));
                top = lines[0].Trim();
                prefixes.Add((folder, lines[1].TrimEnd('\r')));
            }
            if (Git(top!, cancellation, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}").Exit != 0)
                throw new MediaSyncException(Errors.UnknownRevision(revision, top!));

            var pathspecs = prefixes.Select(p => ":(top,literal)" + (p.Prefix.Length == 0 ? "." : p.Prefix.TrimEnd('/'))).ToArray();
            var changed = new List<(string Path, MediaChange Change)>();
            var diff = Git(top!, cancellation, new[] { "-c", "core.quotepath=off", "diff", "--name-status", "-z", "--no-renames", "--no-ext-diff", revision, "--" }.Concat(pathspecs).ToArray());
            if (diff.Exit != 0) throw new MediaSyncException(Errors.GitFailed("diff", diff.Error));
            var fields = diff.Output.Split('\0');
            for (var i = 0; i + 1 < fields.Length && fields[i].Length > 0; i += 2)
                changed.Add((fields[i + 1], fields[i][0] == 'A' ? MediaChange.Added : fields[i][0] == 'D' ? MediaChange.Deleted : MediaChange.Modified));
            var untracked = Git(top!, cancellation, new[] { "ls-files", "--others", "--exclude-standard", "-z", "--" }.Concat(pathspecs).ToArray());
            if (untracked.Exit != 0) throw new MediaSyncException(Errors.GitFailed("ls-files", untracked.Error));
            changed.AddRange(untracked.Output.Split(new[] { '\0' }, StringSplitOptions.RemoveEmptyEntries).Select(path => (path, MediaChange.Added)));

            return (from change in changed
                    from place in prefixes
                    where change.Path.StartsWith(place.Prefix, StringComparison.Ordinal)
                    select new VersionedChange(place.Folder, change.Path.Substring(place.Prefix.Length), change.Change)).ToList();
        }

        private static (int Exit, string Output, string Error) Git(string workingDirectory, CancellationToken cancellation, params string[] arguments) =>
            VersionControl.Run("git", workingDirectory, cancellation, arguments);
    }
}
