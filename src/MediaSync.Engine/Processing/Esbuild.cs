using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>How esbuild minifies; each setting maps to one esbuild flag.</summary>
    public sealed class EsbuildOptions
    {
        public const string DefaultTarget = "es2020";

        /// <summary>--target: an ECMAScript version and/or browser versions (e.g. "es2020" or "chrome100,safari15").</summary>
        public string Target { get; set; } = DefaultTarget;

        /// <summary>--legal-comments: none, inline, eof, linked or external (the last two are not supported here).</summary>
        public string LegalComments { get; set; } = "eof";

        /// <summary>--keep-names: keep function and class .name values that minification would shorten.</summary>
        public bool KeepNames { get; set; }

        /// <summary>--charset=utf8: write non-ASCII characters as they are instead of escaping them.</summary>
        public bool Utf8Charset { get; set; }

        /// <summary>The flags shared by every run, so the output is byte-identical to the esbuild CLI with the same flags.</summary>
        public IReadOnlyList<string> Flags()
        {
            var flags = new List<string>
            {
                "--minify",
                // Without this esbuild substitutes "production" and strips development builds (react-dom becomes 260 bytes).
                "--define:process.env.NODE_ENV=process.env.NODE_ENV",
                "--target=" + Target,
                "--legal-comments=" + LegalComments,
            };
            if (KeepNames) flags.Add("--keep-names");
            if (Utf8Charset) flags.Add("--charset=utf8");
            return flags;
        }
    }

    /// <summary>Finds the esbuild binary: an explicit path, then the module's runtimes folder, then PATH.</summary>
    public static class EsbuildLocator
    {
        public static string ExecutableName => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "esbuild.exe" : "esbuild";

        /// <summary>The .NET runtime identifier of this machine, as the module's runtimes folder names it.</summary>
        public static string RuntimeId
        {
            get
            {
                var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
                var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";
                return os + "-" + arch;
            }
        }

        /// <summary>The esbuild to use, or null when there is none. An explicit path that does not exist is an error.</summary>
        public static string? Find(string? explicitPath, string? moduleRoot)
        {
            if (!string.IsNullOrEmpty(explicitPath))
            {
                if (!File.Exists(explicitPath)) throw new MediaSyncException(Errors.EsbuildNotFound(explicitPath!));
                return Path.GetFullPath(explicitPath);
            }
            if (moduleRoot != null)
            {
                var shipped = Path.Combine(moduleRoot, "runtimes", RuntimeId, ExecutableName);
                if (File.Exists(shipped)) return shipped;
            }
            return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Where(dir => dir.Length > 0).Select(dir => Path.Combine(dir, ExecutableName)).FirstOrDefault(File.Exists);
        }
    }

    /// <summary>
    /// Minifies JS and CSS with the esbuild binary: one process per batch, never one per file. A file esbuild
    /// rejects keeps its bytes, with esbuild's file:line message, and the rest of the batch runs again.
    /// </summary>
    public sealed class EsbuildMinifier : IBatchMediaProcessor
    {
        // Windows caps a command line at 32,767 characters; Linux and macOS allow about a megabyte of arguments.
        private static readonly int MaxArgumentChars = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? 24_000 : 500_000;
        // Built on first failure only: constructing a Regex costs a cold process several milliseconds.
        private static readonly Lazy<Regex> ErrorLocation = new Lazy<Regex>(() => new Regex(@"^\s+(?<file>.+?):(?<line>\d+):(?<column>\d+):\s*$", RegexOptions.Multiline));

        private readonly string _esbuild;
        private readonly EsbuildOptions _options;

        public EsbuildMinifier(string esbuildPath, EsbuildOptions options)
        {
            _esbuild = esbuildPath ?? throw new ArgumentNullException(nameof(esbuildPath));
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public string Name => "Minify";

        public static bool IsMinifiable(string key)
        {
            var extension = Path.GetExtension(key).ToLowerInvariant();
            return extension == ".js" || extension == ".mjs" || extension == ".cjs" || extension == ".css";
        }

        public bool Accepts(MediaFile file) => IsMinifiable(file.RelativePath) && !file.RelativePath.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase)
            && !file.RelativePath.EndsWith(".min.css", StringComparison.OrdinalIgnoreCase);

        public MediaContent? Process(MediaFile file, IEngineHost host)
        {
            var outcome = ProcessBatch(new[] { file }, host)[0];
            if (outcome.Error != null) throw new MediaSyncException(outcome.Error);
            return outcome.Content;
        }

        public IReadOnlyList<ProcessOutcome> ProcessBatch(IReadOnlyList<MediaFile> files, IEngineHost host)
        {
            var outcomes = new ProcessOutcome[files.Count];
            var work = Path.Combine(Path.GetTempPath(), "mediasync-esbuild-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            try
            {
                // Each entry is "<index>=<path>" (esbuild's out=in form, split at the first '='): files are read where
                // they are, outputs are named by index so x.mjs and x.js never collide, and one esbuild run takes every
                // file and spreads them over its own threads. Content held in memory is written to the temp folder first.
                var input = Path.Combine(work, "in");
                var output = Path.Combine(work, "out");
                Directory.CreateDirectory(work);   // esbuild's working folder; it names files relative to it
                var entries = new string[files.Count];
                for (var i = 0; i < files.Count; i++)
                {
                    var path = files[i].Content.FilePath;
                    if (path == null)
                    {
                        Directory.CreateDirectory(input);
                        path = Path.Combine(input, i.ToString(System.Globalization.CultureInfo.InvariantCulture) + Path.GetExtension(files[i].RelativePath).ToLowerInvariant());
                        using (var source = files[i].Content.OpenRead())
                        using (var target = File.Create(path))
                            source.CopyTo(target);
                    }
                    entries[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "=" + Path.GetFullPath(path);
                }
                foreach (var chunk in Chunks(Enumerable.Range(0, files.Count).ToList(), entries))
                    RunChunk(chunk, files, entries, output, outcomes, host);
            }
            finally
            {
                // The outputs are in memory by now; nobody needs to wait for the temp folder to go.
                System.Threading.Tasks.Task.Run(() => DeleteQuietly(work));
            }
            return outcomes;
        }

        private static void DeleteQuietly(string folder)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        private static IEnumerable<List<int>> Chunks(List<int> indexes, string[] entries)
        {
            var chunk = new List<int>();
            var chars = 0;
            foreach (var i in indexes)
            {
                var length = entries[i].Length + 3;
                if (chunk.Count > 0 && chars + length > MaxArgumentChars)
                {
                    yield return chunk;
                    chunk = new List<int>();
                    chars = 0;
                }
                chunk.Add(i);
                chars += length;
            }
            if (chunk.Count > 0) yield return chunk;
        }

        private void RunChunk(List<int> chunk, IReadOnlyList<MediaFile> files, string[] entries, string output, ProcessOutcome[] outcomes, IEngineHost host)
        {
            var pending = chunk.ToList();
            while (pending.Count > 0)
            {
                host.Cancellation.ThrowIfCancellationRequested();
                var flags = _options.Flags().Concat(new[] { "--outdir=" + output, "--log-level=error", "--color=false" });
                var (exitCode, errors) = Run(Path.GetDirectoryName(output)!, flags.Concat(pending.Select(i => entries[i])));
                if (exitCode == 0)
                {
                    foreach (var i in pending)
                        outcomes[i] = ProcessOutcome.Changed(new MemoryContent(File.ReadAllBytes(Path.Combine(output, OutputName(i, files)))));
                    return;
                }
                // Drop the files esbuild names, report them with its message (naming the key), and run the rest again.
                var rejected = RejectedFiles(errors);
                var failed = new List<int>();
                foreach (var i in pending)
                {
                    var path = entries[i].Substring(entries[i].IndexOf('=') + 1);
                    var hit = rejected.Keys.FirstOrDefault(file => SamePath(file, path, Path.GetDirectoryName(output)!));
                    if (hit == null) continue;
                    failed.Add(i);
                    outcomes[i] = ProcessOutcome.Failed(Errors.EsbuildRejected(files[i].RelativePath, files[i].RelativePath + rejected[hit].Substring(hit.Length)));
                }
                if (failed.Count == 0) throw new MediaSyncException(Errors.EsbuildFailed(errors.Trim()));
                pending = pending.Except(failed).ToList();
            }
        }

        /// <summary>esbuild names files in its messages relative to its working folder.</summary>
        private static bool SamePath(string reported, string path, string workingFolder) =>
            string.Equals(Path.GetFullPath(Path.Combine(workingFolder, reported)), Path.GetFullPath(path), Discovery.PathComparison.ForPlatform);

        /// <summary>What esbuild writes for an entry: CSS stays .css, every JavaScript flavour comes out as .js.</summary>
        private static string OutputName(int index, IReadOnlyList<MediaFile> files) =>
            index.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (files[index].RelativePath.EndsWith(".css", StringComparison.OrdinalIgnoreCase) ? ".css" : ".js");

        /// <summary>Rejected entries with the message esbuild gave for each: "file:line:column: text".</summary>
        internal static Dictionary<string, string> RejectedFiles(string errors)
        {
            var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
            var blocks = errors.Replace("\r\n", "\n").Split(new[] { "✘ [ERROR] ", "X [ERROR] " }, StringSplitOptions.RemoveEmptyEntries);
            foreach (var block in blocks)
            {
                var location = ErrorLocation.Value.Match(block);
                if (!location.Success) continue;
                var file = location.Groups["file"].Value.Replace('\\', '/');
                if (rejected.ContainsKey(file)) continue;
                var message = block.Substring(0, block.IndexOf('\n') < 0 ? block.Length : block.IndexOf('\n')).Trim();
                rejected[file] = $"{file}:{location.Groups["line"].Value}:{location.Groups["column"].Value}: {message}";
            }
            return rejected;
        }

        private (int ExitCode, string Errors) Run(string workingDirectory, IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo(_esbuild)
            {
                WorkingDirectory = workingDirectory,
                UseShellExecute = false,
                RedirectStandardError = true,
                // With --outdir esbuild writes nothing to stdout; leaving it alone saves a pipe and its reader.
                RedirectStandardOutput = false,
                StandardErrorEncoding = Encoding.UTF8,
                CreateNoWindow = true,
            };
            start.Arguments = Platform.CommandLine.Join(arguments);
            using (var process = System.Diagnostics.Process.Start(start) ?? throw new MediaSyncException(Errors.EsbuildFailed("could not start " + _esbuild)))
            {
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, stderr);
            }
        }
    }
}
