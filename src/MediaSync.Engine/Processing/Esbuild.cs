using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using MediaSync.Content;
using MediaSync.Platform;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// Minifies JS and CSS with the esbuild binary: one process per batch, never one per file. A file esbuild
    /// rejects keeps its bytes, with esbuild's file:line message, and the rest of the batch runs again.
    /// </summary>
    /// <remarks>
    /// The batch path is written for a cold process (a script's first Invoke-MediaProcessor): plain loops, no
    /// thread-pool work and no regular expression unless esbuild fails. Each of those costs milliseconds of JIT
    /// and type loading, which is what separates this step from the esbuild CLI on the same files.
    /// </remarks>
    internal sealed class EsbuildMinifier : IBatchMediaProcessor, Cache.ICacheableMediaProcessor
    {
        private readonly string _esbuild;
        private readonly EsbuildOptions _options;

        public EsbuildMinifier(string esbuildPath, EsbuildOptions options)
        {
            _esbuild = esbuildPath ?? throw new ArgumentNullException(nameof(esbuildPath));
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public string Name => "Minify";

        /// <summary>The flags and the binary; its size and write time stand for its version, so no extra esbuild run is paid per sync.</summary>
        public string CacheIdentity
        {
            get
            {
                var binary = new FileInfo(_esbuild);
                return "esbuild " + binary.Length + " " + binary.LastWriteTimeUtc.Ticks + " " + string.Join(" ", _options.Flags());
            }
        }

        /// <summary>JavaScript or CSS that is not minified already (name.min.js, name.min.css); every minifier takes these.</summary>
        public static bool IsMinifiable(string key)
        {
            var extension = Path.GetExtension(key);
            var script = Is(extension, ".js") || Is(extension, ".mjs") || Is(extension, ".cjs");
            if (!script && !Is(extension, ".css")) return false;
            return !Path.GetFileNameWithoutExtension(key).EndsWith(".min", StringComparison.OrdinalIgnoreCase);
        }

        public bool Accepts(MediaFile file) => IsMinifiable(file.RelativePath);

        private static bool Is(string extension, string expected) => string.Equals(extension, expected, StringComparison.OrdinalIgnoreCase);

        public MediaContent? Process(MediaFile file, IEngineHost host)
        {
            var outcome = ProcessBatch(new[] { file }, host)[0];
            if (outcome.Error != null) throw new MediaSyncException(outcome.Error);
            return outcome.Content;
        }

        public IReadOnlyList<ProcessOutcome> ProcessBatch(IReadOnlyList<MediaFile> files, IEngineHost host)
        {
            var outcomes = new ProcessOutcome[files.Count];
            var work = TempFolder.Create("mediasync-esbuild-");
            try
            {
                // Each entry is "<index>=<path>" (esbuild's out=in form, split at the first '='): files are read where
                // they are, outputs are named by index so x.mjs and x.js never collide, and one esbuild run takes every
                // file and spreads them over its own threads. Content held in memory is written to the temp folder first.
                var output = Path.Combine(work, "out");
                var entries = new string[files.Count];
                var accepted = new List<int>();
                for (var i = 0; i < files.Count; i++)
                {
                    var refusal = MinifierInput.Refusal(files[i], Name, host);
                    if (refusal != null)
                    {
                        outcomes[i] = refusal;
                        continue;
                    }
                    accepted.Add(i);
                    var path = files[i].Content.FilePath;
                    if (path == null)
                    {
                        path = Path.Combine(work, i.ToString(CultureInfo.InvariantCulture) + Path.GetExtension(files[i].RelativePath).ToLowerInvariant());
                        using (var source = files[i].Content.OpenRead())
                        using (var target = File.Create(path))
                            source.CopyTo(target);
                    }
                    entries[i] = i.ToString(CultureInfo.InvariantCulture) + "=" + Path.GetFullPath(path);
                }
                var chunk = new List<int>();
                var chars = 0;
                foreach (var i in accepted)
                {
                    var length = entries[i].Length + 3;
                    if (chunk.Count > 0 && chars + length > MaxArgumentChars)
                    {
                        RunChunk(chunk, files, entries, output, outcomes, host);
                        chunk = new List<int>();
                        chars = 0;
                    }
                    chunk.Add(i);
                    chars += length;
                }
                if (chunk.Count > 0) RunChunk(chunk, files, entries, output, outcomes, host);
            }
            finally
            {
                TempFolder.Delete(work);
            }
            return outcomes;
        }

        // Windows caps a command line at 32,767 characters; Linux and macOS allow about a megabyte of arguments.
        private static int MaxArgumentChars => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? 24_000 : 500_000;

        private void RunChunk(List<int> pending, IReadOnlyList<MediaFile> files, string[] entries, string output, ProcessOutcome[] outcomes, IEngineHost host)
        {
            var workingFolder = Path.GetDirectoryName(output)!;
            while (pending.Count > 0)
            {
                host.Cancellation.ThrowIfCancellationRequested();
                // A silent run with esbuild's stderr left alone: reading a pipe cost a cold process about 12 ms against
                // an esbuild run of 260 ms. Only when a run fails does it run again with its messages captured.
                var (exitCode, errors) = Run(workingFolder, Arguments(pending, entries, output, "silent"), captureErrors: false, host.Cancellation);
                if (exitCode != 0)
                {
                    (exitCode, errors) = Run(workingFolder, Arguments(pending, entries, output, "error"), captureErrors: true, host.Cancellation);
                }
                if (exitCode == 0)
                {
                    foreach (var i in pending)
                    {
                        // Each output leaves the folder as it is taken (read and deleted, or moved when large), so
                        // the folder is empty and goes without a directory walk.
                        outcomes[i] = _options.SourceMap ? WithMap(i, files, entries, output)
                            : ProcessOutcome.Changed(MediaContent.TakeFile(Path.Combine(output, OutputName(i, files))), null, Stale(files[i]));
                    }
                    TempFolder.Delete(output);
                    return;
                }
                // Drop the files esbuild names, report them with its message (naming the key), and run the rest again.
                var rejected = RejectedFiles(errors);
                var remaining = new List<int>();
                foreach (var i in pending)
                {
                    var path = InputPath(entries[i]);
                    var hit = rejected.Keys.FirstOrDefault(file => SamePath(file, path, workingFolder));
                    if (hit == null)
                    {
                        remaining.Add(i);
                        continue;
                    }
                    outcomes[i] = ProcessOutcome.Failed(Errors.EsbuildRejected(files[i].RelativePath, files[i].RelativePath + rejected[hit].Substring(hit.Length)));
                }
                if (remaining.Count == pending.Count) throw new MediaSyncException(Errors.EsbuildFailed(errors.Trim()));
                pending = remaining;
            }
        }

        /// <summary>esbuild drops the input's sourceMappingURL comment, so the map it named no longer describes the file.</summary>
        private static string[]? Stale(MediaFile file) => SourceMaps.LinkedMap(file) is string map ? new[] { map } : null;

        /// <summary>The output and its new map (composed with the input's own map when esbuild found one), both named for the real key.</summary>
        private static ProcessOutcome WithMap(int index, IReadOnlyList<MediaFile> files, string[] entries, string output)
        {
            var name = OutputName(index, files);
            var key = files[index].RelativePath;
            var fileName = key.Substring(key.LastIndexOf('/') + 1);
            var work = Path.GetDirectoryName(output)!;
            var map = SourceMaps.Rewrite(File.ReadAllBytes(Path.Combine(output, name + ".map")), fileName, output, work, InputPath(entries[index]),
                full => TempCopyName(full, files, entries));
            var code = SourceMaps.Relink(File.ReadAllBytes(Path.Combine(output, name)), name + ".map", fileName + ".map");
            return ProcessOutcome.Changed(MediaContent.FromBytes(code),
                new[] { new KeyValuePair<string, MediaContent>(key + ".map", MediaContent.FromBytes(map)) }, Stale(files[index]));
        }

        /// <summary>A file held in memory is copied to the temp folder as &lt;index&gt;.ext; its map names it by its key's file name.</summary>
        private static string? TempCopyName(string fullPath, IReadOnlyList<MediaFile> files, string[] entries)
        {
            for (var i = 0; i < files.Count; i++)
            {
                if (string.Equals(InputPath(entries[i]), fullPath, Discovery.PathComparison.ForPlatform))
                    return files[i].RelativePath.Substring(files[i].RelativePath.LastIndexOf('/') + 1);
            }
            return null;
        }

        private static string InputPath(string entry) => entry.Substring(entry.IndexOf('=') + 1);

        private List<string> Arguments(List<int> pending, string[] entries, string output, string logLevel)
        {
            var arguments = new List<string>(_options.Flags()) { "--outdir=" + output, "--log-level=" + logLevel, "--color=false" };
            foreach (var i in pending) arguments.Add(entries[i]);
            return arguments;
        }

        /// <summary>esbuild names files in its messages relative to its working folder.</summary>
        private static bool SamePath(string reported, string path, string workingFolder) =>
            string.Equals(Path.GetFullPath(Path.Combine(workingFolder, reported)), Path.GetFullPath(path), Discovery.PathComparison.ForPlatform);

        /// <summary>What esbuild writes for an entry: CSS stays .css, every JavaScript flavour comes out as .js.</summary>
        private static string OutputName(int index, IReadOnlyList<MediaFile> files) =>
            index.ToString(CultureInfo.InvariantCulture)
            + (files[index].RelativePath.EndsWith(".css", StringComparison.OrdinalIgnoreCase) ? ".css" : ".js");

        /// <summary>Rejected entries with the message esbuild gave for each: "file:line:column: text".</summary>
        internal static Dictionary<string, string> RejectedFiles(string errors)
        {
            var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
            var blocks = errors.Replace("\r\n", "\n").Split(new[] { "✘ [ERROR] ", "X [ERROR] " }, StringSplitOptions.RemoveEmptyEntries);
            foreach (var block in blocks)
            {
                var location = ErrorMessages.Location.Match(block);
                if (!location.Success) continue;
                var file = location.Groups["file"].Value.Replace('\\', '/');
                if (rejected.ContainsKey(file)) continue;
                var message = block.Substring(0, block.IndexOf('\n') < 0 ? block.Length : block.IndexOf('\n')).Trim();
                rejected[file] = $"{file}:{location.Groups["line"].Value}:{location.Groups["column"].Value}: {message}";
            }
            return rejected;
        }

        /// <summary>Holds the pattern apart, so System.Text.RegularExpressions loads only when esbuild fails.</summary>
        private static class ErrorMessages
        {
            public static readonly Regex Location = new Regex(@"^\s+(?<file>.+?):(?<line>\d+):(?<column>\d+):\s*$", RegexOptions.Multiline);
        }

        /// <summary>Runs esbuild to its end; Ctrl+C kills it and throws, rather than waiting out a long batch.</summary>
        private (int ExitCode, string Errors) Run(string workingDirectory, List<string> arguments, bool captureErrors, CancellationToken cancellation)
        {
            var start = new ProcessStartInfo(_esbuild)
            {
                WorkingDirectory = workingDirectory,
                UseShellExecute = false,
                RedirectStandardError = captureErrors,
                // With --outdir esbuild writes nothing to stdout; leaving it alone saves a pipe and its reader.
                RedirectStandardOutput = false,
                StandardErrorEncoding = captureErrors ? Encoding.UTF8 : null,
                CreateNoWindow = true,
            };
#if NET
            // Handed to the child as they are: no quoting here and no re-parsing in the runtime.
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
#else
            start.Arguments = Platform.CommandLine.Join(arguments);
#endif
            using (var process = System.Diagnostics.Process.Start(start) ?? throw new MediaSyncException(Errors.EsbuildFailed("could not start " + _esbuild)))
            using (cancellation.Register(() => KillQuietly(process)))
            {
                var errors = captureErrors ? process.StandardError.ReadToEnd() : "";
                process.WaitForExit();
                cancellation.ThrowIfCancellationRequested();
                return (process.ExitCode, errors);
            }
        }

        private static void KillQuietly(System.Diagnostics.Process process)
        {
            try { process.Kill(); }
            catch (InvalidOperationException) { }   // it has already exited
            catch (System.ComponentModel.Win32Exception) { }
        }
    }
}
