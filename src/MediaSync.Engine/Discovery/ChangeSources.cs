using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Discovery
{
    /// <summary>One changed file: the folder it was asked about (as given), its path inside that folder, and how it changed.</summary>
    internal sealed class VersionedChange
    {
        public VersionedChange(string folder, string relativePath, MediaChange change)
        {
            Folder = folder;
            RelativePath = relativePath;
            Change = change;
        }

        public string Folder { get; }
        /// <summary>Forward slashes, relative to <see cref="Folder"/>.</summary>
        public string RelativePath { get; }
        public MediaChange Change { get; }
    }

    /// <summary>
    /// -ChangedSince: the files changed since a revision, from git or Subversion, whichever holds the media (the first
    /// folder decides; every folder must be in the same work tree).
    /// </summary>
    internal static class ChangeSources
    {
        public static IReadOnlyList<VersionedChange> Since(string revision, IReadOnlyList<string> folders, CancellationToken cancellation)
        {
            if (string.IsNullOrWhiteSpace(revision) || revision.StartsWith("-", StringComparison.Ordinal))
                throw new MediaSyncException(Errors.ConflictingArguments($"'{revision}' is not a revision."));
            if (folders.Count == 0) throw new MediaSyncException(Errors.NoRoots());
            if (GitChanges.Covers(folders[0], cancellation)) return GitChanges.Since(revision, folders, cancellation);
            if (SvnChanges.Covers(folders[0], cancellation)) return SvnChanges.Since(revision, folders, cancellation);
            throw new MediaSyncException(Errors.NotAGitWorkTree(folders[0]));
        }
    }

    /// <summary>Runs git or svn, with messages in English whatever the machine's locale, so errors read the same everywhere.</summary>
    internal static class VersionControl
    {
        /// <summary>Whether <paramref name="tool"/> runs in <paramref name="folder"/>, exits 0 and its output passes <paramref name="accept"/>; false too when the tool is not installed.</summary>
        public static bool Succeeds(string tool, string folder, CancellationToken cancellation, Func<string, bool> accept, params string[] arguments)
        {
            try
            {
                var (exit, output, _) = Run(tool, folder, cancellation, arguments);
                return exit == 0 && accept(output);
            }
            catch (MediaSyncException) { return false; }
        }

        public static (int Exit, string Output, string Error) Run(string tool, string workingDirectory, CancellationToken cancellation, params string[] arguments)
        {
            var start = new ProcessStartInfo(tool)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = new System.Text.UTF8Encoding(false),
                StandardErrorEncoding = new System.Text.UTF8Encoding(false),
                Arguments = Platform.CommandLine.Join(arguments),
            };
            start.Environment["LC_ALL"] = "C";
            start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
            Process process;
            try { process = Process.Start(start) ?? throw new Win32Exception(); }
            catch (Win32Exception e) { throw new MediaSyncException(tool == "git" ? Errors.GitNotFound(e) : Errors.VersionControlNotFound(tool, e)); }
            using (process)
            using (cancellation.Register(() => { try { process.Kill(); } catch (InvalidOperationException) { } }))
            {
                var error = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                cancellation.ThrowIfCancellationRequested();
                return (process.ExitCode, output, error.Result.Trim());
            }
        }
    }
}
