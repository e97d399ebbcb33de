using System;
using System.IO;
using MediaSync.Platform;

namespace MediaSync.Publishing
{
    /// <summary>What is at a destination path now, read without following a final link.</summary>
    internal readonly struct DestinationState
    {
        public DestinationState(EntryKind kind, long length, DateTime lastWriteTimeUtc, bool readOnly)
        {
            Kind = kind;
            Length = length;
            LastWriteTimeUtc = lastWriteTimeUtc;
            ReadOnly = readOnly;
        }

        public EntryKind Kind { get; }
        public long Length { get; }
        public DateTime LastWriteTimeUtc { get; }
        public bool ReadOnly { get; }

        public static readonly DestinationState Missing = new DestinationState(EntryKind.None, 0, default, false);

        public static DestinationState Read(string path)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                return Directory.Exists(path) ? new DestinationState(FileLinks.Inspect(path), 0, default, false) : Missing;
            if ((info.Attributes & FileAttributes.ReparsePoint) != 0 && FileLinks.Inspect(path) == EntryKind.Link)
                return new DestinationState(EntryKind.Link, 0, default, false);
            return new DestinationState(EntryKind.File, info.Length, info.LastWriteTimeUtc, (info.Attributes & FileAttributes.ReadOnly) != 0);
        }
    }
}
