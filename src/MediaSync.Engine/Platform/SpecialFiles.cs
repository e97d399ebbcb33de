using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MediaSync.Platform
{
    /// <summary>
    /// FIFOs, devices and sockets, which look like empty files to .NET: reading a FIFO waits for a writer forever, so
    /// a publish that opened one would hang. Only empty-looking entries are asked about (one statx call each, on Linux).
    /// </summary>
    internal static class SpecialFiles
    {
        private const int AtFdCwd = -100;
        private const int AtSymlinkNoFollow = 0x100;
        private const uint StatxType = 0x1;
        private const int ModeOffset = 28;   // stx_mode in struct statx, the same on every architecture
        private const int TypeMask = 0xF000;
        private const int RegularFile = 0x8000;

        /// <summary>True when <paramref name="info"/> is not a regular file (and the platform can tell).</summary>
        public static bool IsSpecial(FileInfo info)
        {
            if (info.Length != 0 || !RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return false;
            var buffer = new byte[256];
            try
            {
                if (statx(AtFdCwd, info.FullName, AtSymlinkNoFollow, StatxType, buffer) != 0) return false;
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException) { return false; }
            var mode = BitConverter.ToUInt16(buffer, ModeOffset);
            return (mode & TypeMask) != RegularFile;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] buffer);
    }
}
