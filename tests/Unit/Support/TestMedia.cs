using System;
using System.Security.Cryptography;
using System.Text;
using MediaSync.Content;

namespace MediaSync.Tests.Support
{
    /// <summary>Media files held in memory, as a processing step would hand them on, and the MD5s stores compare.</summary>
    public static class TestMedia
    {
        public static MediaFile InMemory(string key, byte[] bytes, DateTime lastWriteTimeUtc) =>
            new MediaFile(key, "/src/" + key, MediaFile.ProjectSource, "/src", new MemoryContent(bytes), lastWriteTimeUtc);

        public static MediaFile InMemory(string key, string text, DateTime lastWriteTimeUtc) => InMemory(key, Encoding.UTF8.GetBytes(text), lastWriteTimeUtc);

        public static string Md5(byte[] bytes) => Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant();

        public static string Md5(string text) => Md5(Encoding.UTF8.GetBytes(text));

        /// <summary>A publish to <paramref name="store"/>, run to the end, with a host that records everything.</summary>
        internal static MediaSync.Publishing.PublishResult[] Publish(MediaSync.Stores.IMediaStore store, System.Collections.Generic.IReadOnlyList<MediaFile> files,
            MediaSync.Publishing.PublishRequest? request = null) =>
            System.Linq.Enumerable.ToArray(MediaSync.Publishing.Publisher.Publish(request ?? new MediaSync.Publishing.PublishRequest(), files, store, new RecordingHost()));

        /// <summary>The files of one media root, as Get-MediaFile finds them.</summary>
        public static System.Collections.Generic.IReadOnlyList<MediaFile> Discover(string root) =>
            System.Linq.Enumerable.ToList(MediaSync.Discovery.MediaDiscovery.Discover(new MediaSync.Discovery.MediaDiscoveryRequest { Roots = { root } }, new RecordingHost()));
    }
}
