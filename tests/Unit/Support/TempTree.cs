using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MediaSync.Tests.Support
{
    /// <summary>A real folder on disk for one test, removed afterwards.</summary>
    public sealed class TempTree : IDisposable
    {
        public static readonly DateTime BaseTime = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public TempTree()
        {
            Root = Path.Combine(Path.GetTempPath(), "mediasync-test-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        /// <summary>Recursive listing that never enters linked folders (tests build link loops on purpose).</summary>
        private static readonly EnumerationOptions NoLinks = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
        };

        public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>Writes a file with a fixed write time (BaseTime + <paramref name="minutes"/>).</summary>
        public string Write(string relative, string content, int minutes = 0)
        {
            var path = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            File.SetLastWriteTimeUtc(path, BaseTime.AddMinutes(minutes));
            return path;
        }

        public string Read(string relative) => File.ReadAllText(PathOf(relative));

        public bool Exists(string relative) => File.Exists(PathOf(relative)) || Directory.Exists(PathOf(relative));

        /// <summary>Every file and link below <paramref name="relative"/>, as keys, sorted; linked folders are not entered.</summary>
        public string[] Files(string relative = "")
        {
            var root = PathOf(relative);
            if (!Directory.Exists(root)) return Array.Empty<string>();
            var found = new List<string>();
            void Walk(string folder)
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                {
                    if (entry is DirectoryInfo && entry.LinkTarget == null) Walk(entry.FullName);
                    else found.Add(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
                }
            }
            Walk(root);
            return found.OrderBy(f => f, StringComparer.Ordinal).ToArray();
        }

        public void Dispose()
        {
            try
            {
                foreach (var file in Directory.GetFiles(Root, "*", NoLinks))
                    File.SetAttributes(file, FileAttributes.Normal);
            }
            catch (IOException) { }
            try { Directory.Delete(Root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
