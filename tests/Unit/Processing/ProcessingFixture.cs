using System;
using System.IO;
using System.Text;
using MediaSync.Content;
using MediaSync.Tests.Support;

namespace MediaSync.Tests.Processing
{
    /// <summary>A temp tree of source files (under src/) and a recording host, shared by the processing tests.</summary>
    public abstract class ProcessingFixture : IDisposable
    {
        protected readonly TempTree Tree = new TempTree();
        protected readonly RecordingHost Host = new RecordingHost();

        public void Dispose() => Tree.Dispose();

        /// <summary>Writes src/<paramref name="key"/> and returns it as a discovered MediaFile.</summary>
        protected MediaFile Write(string key, string text, int minutes = 0) => Write(key, new UTF8Encoding(false).GetBytes(text), minutes);

        protected MediaFile Write(string key, byte[] bytes, int minutes = 0)
        {
            var path = Tree.PathOf("src/" + key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            File.SetLastWriteTimeUtc(path, TempTree.BaseTime.AddMinutes(minutes));
            return FromFile(key, path, minutes);
        }

        /// <summary>An existing file as a MediaFile under <paramref name="key"/>.</summary>
        protected static MediaFile FromFile(string key, string path, int minutes = 0) =>
            new MediaFile(key, path, MediaFile.ProjectSource, Path.GetDirectoryName(path)!, new FileContent(path, new FileInfo(path).Length),
                TempTree.BaseTime.AddMinutes(minutes));

        /// <summary>Copies a real npm package from ../shared/real-world into project/media/, written at BaseTime.</summary>
        protected void CopyRealPackage(string package)
        {
            var from = Path.Combine(RepoPaths.Root, "..", "shared", "real-world", "site", "media", "vendor", package);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Tree.PathOf("project/media/" + package + "/" + Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
                File.SetLastWriteTimeUtc(target, TempTree.BaseTime);
            }
        }

        protected static string Text(MediaFile file) => Encoding.UTF8.GetString(file.Content.ReadAllBytes());
    }
}
