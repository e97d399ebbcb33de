using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>How esbuild minifies; each setting maps to one esbuild flag.</summary>
    internal sealed class EsbuildOptions
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

        /// <summary>
        /// --sourcemap=linked: a map beside each output, composed with the input's own map when its sourceMappingURL
        /// names a readable file; sourcesContent is kept (esbuild's default), so the map works without the sources published.
        /// </summary>
        public bool SourceMap { get; set; }

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
            if (SourceMap) flags.Add("--sourcemap=linked");
            return flags;
        }
    }

    /// <summary>Finds the esbuild binary: an explicit path, then the module's runtimes folder, then PATH.</summary>
    internal static class EsbuildLocator
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

        /// <summary>
        /// The esbuild to use, or null when there is none. An explicit path that does not exist or cannot run is an
        /// error. The module's own copy is made executable when it is not: zip and nupkg installs drop the mode bits.
        /// </summary>
        public static string? Find(string? explicitPath, string? moduleRoot, string? searchPath = null)
        {
            if (!string.IsNullOrEmpty(explicitPath))
            {
                if (!File.Exists(explicitPath)) throw new MediaSyncException(Errors.EsbuildNotFound(explicitPath!));
                var path = Path.GetFullPath(explicitPath);
                if (!IsExecutable(path)) throw new MediaSyncException(Errors.EsbuildNotExecutable(path, "it has no execute permission"));
                return path;
            }
            if (moduleRoot != null)
            {
                var shipped = Path.Combine(moduleRoot, "runtimes", RuntimeId, ExecutableName);
                if (File.Exists(shipped))
                {
                    MakeExecutable(shipped);
                    return shipped;
                }
            }
            foreach (var folder in (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (folder.Length == 0) continue;
                var candidate = Path.Combine(folder, ExecutableName);
                if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;   // as a shell's lookup would
            }
            return null;
        }

#if NET
        private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

        private static bool IsExecutable(string path) => OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0;

        /// <summary>Adds execute wherever read is allowed (0644 becomes 0755), as an unpacked package should have had it.</summary>
        internal static void MakeExecutable(string path)
        {
            if (OperatingSystem.IsWindows()) return;
            var mode = File.GetUnixFileMode(path);
            if ((mode & AnyExecute) != 0) return;
            if ((mode & UnixFileMode.UserRead) != 0) mode |= UnixFileMode.UserExecute;
            if ((mode & UnixFileMode.GroupRead) != 0) mode |= UnixFileMode.GroupExecute;
            if ((mode & UnixFileMode.OtherRead) != 0) mode |= UnixFileMode.OtherExecute;
            try { File.SetUnixFileMode(path, mode); }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
            {
                throw new MediaSyncException(Errors.EsbuildNotExecutable(path, "it has no execute permission and MediaSync may not add it (" + e.Message + ")"));
            }
        }
#else
        // The netstandard2.0 build serves Windows PowerShell 5.1, where there are no mode bits to check.
        private static bool IsExecutable(string path) => true;

        internal static void MakeExecutable(string path) { }
#endif
    }
}
