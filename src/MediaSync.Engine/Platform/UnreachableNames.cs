using System;
using System.Runtime.InteropServices;
using System.Text;

namespace MediaSync.Platform
{
    /// <summary>
    /// Entries a folder listing shows but no later call can reach by name: .NET decodes each name as UTF-8, so bytes
    /// that are not UTF-8 come back as U+FFFD and name a different file; and a path longer than the system's limit
    /// cannot be passed to any call at all.
    /// </summary>
    internal static class UnreachableNames
    {
        /// <summary>Bytes a path may have, its terminating NUL not counted.</summary>
        public static readonly int MaxPathBytes =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? 4095
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 1023
            : 32766;

        public static int PathBytes(string path) => Encoding.UTF8.GetByteCount(path);

        public static bool IsTooLong(string path) => PathBytes(path) > MaxPathBytes;

        /// <summary>True when the listing had to replace bytes of the name; only asked once the name failed to open.</summary>
        public static bool WasMisdecoded(string name) => name.IndexOf('\uFFFD') >= 0;

        /// <summary>A path short enough to read in a message: its start and its end.</summary>
        public static string Abbreviate(string path, int keep = 60) =>
            path.Length <= keep * 2 + 1 ? path : path.Substring(0, keep) + "\u2026" + path.Substring(path.Length - keep);
    }
}
