using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace MediaSync.Platform
{
    /// <summary>What sits at a path, looked at without following a final symbolic link.</summary>
    internal enum EntryKind
    {
        None,
        File,
        Directory,
        Link,
    }

    /// <summary>
    /// Symbolic and hard links across the two builds: net8.0 uses the BCL; netstandard2.0 (Windows
    /// PowerShell 5.1) calls Win32, or libc where it runs elsewhere.
    /// </summary>
    internal static class FileLinks
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static EntryKind Inspect(string path)
        {
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(path);
            }
            catch (FileNotFoundException) { return EntryKind.None; }
            catch (DirectoryNotFoundException) { return EntryKind.None; }
            if ((attributes & FileAttributes.ReparsePoint) != 0 && IsSymbolicLink(path)) return EntryKind.Link;
            return (attributes & FileAttributes.Directory) != 0 ? EntryKind.Directory : EntryKind.File;
        }

        private static bool IsSymbolicLink(string path)
        {
#if NET8_0_OR_GREATER
            return new FileInfo(path).LinkTarget != null;
#else
            // Windows reparse points also include OneDrive placeholders and dedup files; only links count.
            return !IsWindows || Win32.ReadsAsLink(path);
#endif
        }

        /// <summary>The full path a link finally points to, or null when the chain ends nowhere.</summary>
        public static string? ResolveFinalTarget(string linkPath)
        {
#if NET8_0_OR_GREATER
            FileSystemInfo? target;
            try
            {
                target = new FileInfo(linkPath).ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException) { return null; } // too many levels of links: a loop
            // FileInfo.Exists is false for folders, so ask for either kind
            if (target == null || !(File.Exists(target.FullName) || Directory.Exists(target.FullName))) return null;
            return target.FullName;
#else
            return IsWindows ? Win32.FinalPath(linkPath) : Posix.RealPath(linkPath);
#endif
        }

        /// <summary>
        /// The path with every link along it resolved (realpath), so that '..' after a link means what the system
        /// makes of it; null when the path names nothing.
        /// </summary>
        public static string? RealPath(string path) => IsWindows ? Win32.FinalPath(path) : Posix.RealPath(path);

        /// <summary>
        /// True when <paramref name="path"/>, with every link along it resolved, lies in <paramref name="rootRealPath"/>
        /// (itself a <see cref="RealPath"/>): a link chain that ends outside the root does not.
        /// </summary>
        public static bool StaysInside(string path, string rootRealPath) =>
            RealPath(path) is string real && Discovery.TreeWalker.IsSameOrInside(real, rootRealPath);

        /// <summary>Removes the link at <paramref name="path"/> itself, never what it points to.</summary>
        public static void DeleteLink(string path)
        {
            // a Windows folder link is removed as a folder
            if (IsWindows && Directory.Exists(path)) Directory.Delete(path, recursive: false);
            else File.Delete(path);
        }

        /// <summary>
        /// The path with every link along its existing part resolved (<see cref="RealPath"/>), so two names of one
        /// folder compare equal; the part that does not exist yet is kept as given, after the real path of the part that does.
        /// </summary>
        public static string RealPathOfPlanned(string path)
        {
            var full = Path.GetFullPath(path);
            var missing = new System.Collections.Generic.Stack<string>();
            for (var existing = full; !string.IsNullOrEmpty(existing); existing = Path.GetDirectoryName(existing))
            {
                if (Directory.Exists(existing) || File.Exists(existing))
                {
                    var real = RealPath(existing) ?? existing;
                    foreach (var name in missing) real = Path.Combine(real, name);
                    return real;
                }
                missing.Push(Path.GetFileName(existing));
            }
            return full;
        }

        /// <summary>
        /// The size and times of the file a path finally names: a link's own FileInfo describes the link,
        /// not its target. Null when nothing (or a folder, or a dangling link) is there.
        /// </summary>
        public static FileInfo? FollowToFile(string path)
        {
            var kind = Inspect(path);
            if (kind == EntryKind.File) return new FileInfo(path);
            if (kind != EntryKind.Link) return null;
            var target = ResolveFinalTarget(path);
            if (target == null) return null;
            var info = new FileInfo(target);
            return info.Exists ? info : null;
        }

        /// <summary>True when the link at <paramref name="linkPath"/> leads to <paramref name="targetPath"/>.</summary>
        public static bool PointsTo(string linkPath, string targetPath)
        {
#if NET8_0_OR_GREATER
            if (string.Equals(new FileInfo(linkPath).LinkTarget, targetPath, StringComparison.Ordinal)) return true;
#endif
            var resolved = ResolveFinalTarget(linkPath);
            if (resolved == null) return false;
            var source = Inspect(targetPath) == EntryKind.Link ? ResolveFinalTarget(targetPath) : Path.GetFullPath(targetPath);
            return string.Equals(resolved, source, Discovery.PathComparison.ForPlatform);
        }

        public static void CreateSymbolicLink(string linkPath, string targetPath, bool isDirectory)
        {
#if NET8_0_OR_GREATER
            if (isDirectory) Directory.CreateSymbolicLink(linkPath, targetPath);
            else File.CreateSymbolicLink(linkPath, targetPath);
#else
            if (IsWindows) Win32.CreateSymbolicLink(linkPath, targetPath, isDirectory);
            else Posix.CreateSymbolicLink(linkPath, targetPath);
#endif
        }

        public static void CreateHardLink(string linkPath, string existingPath)
        {
            if (IsWindows) Win32.CreateHardLink(linkPath, existingPath);
            else Posix.CreateHardLink(linkPath, existingPath);
        }

        /// <summary>
        /// True when both paths are the same file (hard links). Only Windows needs this, since hard
        /// links are its fallback for symbolic links; elsewhere it answers false.
        /// </summary>
        public static bool IsSameFile(string a, string b) => IsWindows && Win32.SameFile(a, b);

        /// <summary>True when a symbolic link failed for lack of privilege or file-system support.</summary>
        public static bool IsLinkUnsupported(Exception exception)
        {
            if (exception is UnauthorizedAccessException) return true;
            var code = exception.HResult & 0xFFFF;
            if (exception is Win32Exception win32) code = win32.NativeErrorCode;
            // ERROR_PRIVILEGE_NOT_HELD, ERROR_NOT_SUPPORTED, ERROR_INVALID_FUNCTION; EPERM, ENOTSUP/EOPNOTSUPP
            return code == 1314 || code == 50 || code == 1 || code == 95;
        }

        private static class Win32
        {
            private const uint SymbolicLinkFlagDirectory = 0x1;
            private const uint SymbolicLinkFlagAllowUnprivilegedCreate = 0x2;
            private const uint FileFlagBackupSemantics = 0x02000000;
            private const uint FileFlagOpenReparsePoint = 0x00200000;
            private const uint OpenExisting = 3;
            private const uint FileShareAll = 7;
            private const int ErrorInvalidParameter = 87;

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "CreateSymbolicLinkW")]
            [return: MarshalAs(UnmanagedType.I1)]
            private static extern bool NativeCreateSymbolicLink(string link, string target, uint flags);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "CreateHardLinkW")]
            [return: MarshalAs(UnmanagedType.Bool)]
            private static extern bool NativeCreateHardLink(string link, string existing, IntPtr security);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "CreateFileW")]
            private static extern Microsoft.Win32.SafeHandles.SafeFileHandle CreateFile(string name, uint access, uint share,
                IntPtr security, uint creation, uint flags, IntPtr template);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "GetFinalPathNameByHandleW")]
            private static extern uint GetFinalPathNameByHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle, StringBuilder path, uint size, uint flags);

            [DllImport("kernel32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            private static extern bool GetFileInformationByHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle, out ByHandleFileInformation info);

            [StructLayout(LayoutKind.Sequential)]
            private struct ByHandleFileInformation
            {
                public uint FileAttributes;
                public System.Runtime.InteropServices.ComTypes.FILETIME CreationTime, LastAccessTime, LastWriteTime;
                public uint VolumeSerialNumber, FileSizeHigh, FileSizeLow, NumberOfLinks, FileIndexHigh, FileIndexLow;
            }

            public static void CreateSymbolicLink(string link, string target, bool isDirectory)
            {
                var flags = isDirectory ? SymbolicLinkFlagDirectory : 0;
                if (NativeCreateSymbolicLink(link, target, flags | SymbolicLinkFlagAllowUnprivilegedCreate)) return;
                var error = Marshal.GetLastWin32Error();
                // Windows before 10 1703 rejects the unprivileged flag itself.
                if (error == ErrorInvalidParameter && NativeCreateSymbolicLink(link, target, flags)) return;
                throw new Win32Exception(error == ErrorInvalidParameter ? Marshal.GetLastWin32Error() : error);
            }

            public static void CreateHardLink(string link, string existing)
            {
                if (!NativeCreateHardLink(link, existing, IntPtr.Zero)) throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            private const uint ReparseTagSymlink = 0xA000000C;
            private const uint ReparseTagMountPoint = 0xA0000003;

            [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
            private struct FindData
            {
                public uint FileAttributes;
                public System.Runtime.InteropServices.ComTypes.FILETIME CreationTime, LastAccessTime, LastWriteTime;
                public uint FileSizeHigh, FileSizeLow, Reserved0, Reserved1;
                [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)] public string FileName;
                [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 14)] public string AlternateFileName;
            }

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "FindFirstFileW")]
            private static extern IntPtr FindFirstFile(string name, out FindData data);

            [DllImport("kernel32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            private static extern bool FindClose(IntPtr handle);

            /// <summary>True for symbolic links and junctions; other reparse points (OneDrive, dedup) are files.</summary>
            public static bool ReadsAsLink(string path)
            {
                var handle = FindFirstFile(path, out var data);
                if (handle == new IntPtr(-1)) return false;
                FindClose(handle);
                return data.Reserved0 == ReparseTagSymlink || data.Reserved0 == ReparseTagMountPoint;
            }

            public static string? FinalPath(string path)
            {
                using (var handle = Open(path, followLinks: true))
                {
                    if (handle.IsInvalid) return null;
                    var buffer = new StringBuilder(1024);
                    var length = GetFinalPathNameByHandle(handle, buffer, (uint)buffer.Capacity, 0);
                    if (length == 0 || length >= buffer.Capacity) return null;
                    var result = buffer.ToString();
                    if (result.StartsWith(@"\\?\UNC\", StringComparison.Ordinal)) return @"\\" + result.Substring(8);
                    return result.StartsWith(@"\\?\", StringComparison.Ordinal) ? result.Substring(4) : result;
                }
            }

            public static bool SameFile(string a, string b)
            {
                using (var first = Open(a, followLinks: true))
                using (var second = Open(b, followLinks: true))
                {
                    if (first.IsInvalid || second.IsInvalid) return false;
                    if (!GetFileInformationByHandle(first, out var x) || !GetFileInformationByHandle(second, out var y)) return false;
                    return x.VolumeSerialNumber == y.VolumeSerialNumber && x.FileIndexHigh == y.FileIndexHigh && x.FileIndexLow == y.FileIndexLow;
                }
            }

            private static Microsoft.Win32.SafeHandles.SafeFileHandle Open(string path, bool followLinks) =>
                CreateFile(path, 0, FileShareAll, IntPtr.Zero, OpenExisting,
                    FileFlagBackupSemantics | (followLinks ? 0 : FileFlagOpenReparsePoint), IntPtr.Zero);
        }

        private static class Posix
        {
            [DllImport("libc", SetLastError = true, EntryPoint = "symlink")]
            private static extern int NativeSymlink(string target, string link);

            [DllImport("libc", SetLastError = true, EntryPoint = "link")]
            private static extern int NativeLink(string existing, string link);

            [DllImport("libc", SetLastError = true, EntryPoint = "realpath")]
            private static extern IntPtr NativeRealPath(string path, IntPtr resolved);

            [DllImport("libc", EntryPoint = "free")]
            private static extern void Free(IntPtr pointer);

            public static void CreateSymbolicLink(string link, string target)
            {
                if (NativeSymlink(target, link) != 0) throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            public static void CreateHardLink(string link, string existing)
            {
                if (NativeLink(existing, link) != 0) throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            public static string? RealPath(string path)
            {
                var result = NativeRealPath(path, IntPtr.Zero);
                if (result == IntPtr.Zero) return null;
                try { return Marshal.PtrToStringAnsi(result); }
                finally { Free(result); }
            }
        }
    }
}
