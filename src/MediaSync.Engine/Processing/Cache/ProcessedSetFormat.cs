using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MediaSync.Content;

namespace MediaSync.Processing.Cache
{
    /// <summary>
    /// How a <see cref="ProcessedSet"/> is stored: the warnings, then each processed file as its origin (an index into
    /// the found files, or its own name for a bundle, a source map a step wrote, the manifest), its key, steps and
    /// type, and its content: the origin's own file, or an object of the cache named by its MD5 and length.
    /// </summary>
    internal static class ProcessedSetFormat
    {
        private const byte SameAsOrigin = 0, CachedObject = 1;

        /// <summary>The entry's bytes, storing each new content as an object; null when some content cannot be read.</summary>
        public static byte[]? Write(IReadOnlyList<MediaFile> found, IReadOnlyList<MediaFile> processed, IReadOnlyList<string> warnings, ProcessingCache cache)
        {
            var origins = new Dictionary<MediaFile, int>(ReferenceComparer.Instance);
            for (var i = 0; i < found.Count; i++) origins[found[i]] = i;
            using (var buffer = new MemoryStream())
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8))
            {
                writer.Write(warnings.Count);
                foreach (var warning in warnings) writer.Write(warning);
                writer.Write(processed.Count);
                foreach (var file in processed)
                {
                    var origin = origins.TryGetValue(file.Original, out var index) ? index : -1;
                    writer.Write(file.RelativePath);
                    writer.Write(origin);
                    writer.Write(file.LogicalPath);
                    if (origin < 0)
                    {
                        writer.Write(file.Original.FullName);
                        writer.Write(file.Original.Source);
                        writer.Write(file.Original.SourceRoot);
                        writer.Write(file.Original.LastWriteTimeUtc.Ticks);
                    }
                    writer.Write(file.ContentType);
                    Strings(writer, file.Processors);
                    writer.Write(file.ContentEncoding ?? "");
                    writer.Write(file.VariantOf ?? "");
                    Strings(writer, file.Members);
                    writer.Write(file.IsManifest);
                    var same = origin >= 0 && ReferenceEquals(file.Content, found[origin].Content);
                    writer.Write(same ? SameAsOrigin : CachedObject);
                    writer.Write(file.Length);
                    writer.Write(file.Hash);
                    if (!same && !StoreObject(cache, file)) return null;
                }
                writer.Flush();
                return buffer.ToArray();
            }
        }

        /// <summary>The processed files the entry describes, or null when an object it names is no longer in the cache.</summary>
        public static List<MediaFile>? Read(byte[] data, IReadOnlyList<MediaFile> found, ProcessingCache cache, out List<string> warnings)
        {
            using (var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8))
            {
                warnings = new List<string>();
                for (var n = reader.ReadInt32(); n > 0; n--) warnings.Add(reader.ReadString());
                var count = reader.ReadInt32();
                var files = new List<MediaFile>(count);
                for (var n = 0; n < count; n++)
                {
                    var key = reader.ReadString();
                    var origin = reader.ReadInt32();
                    var logical = reader.ReadString();
                    string? fullName = null, source = null, sourceRoot = null;
                    var ticks = 0L;
                    if (origin < 0) { fullName = reader.ReadString(); source = reader.ReadString(); sourceRoot = reader.ReadString(); ticks = reader.ReadInt64(); }
                    else if (origin >= found.Count) throw new FormatException("an origin past the found files");
                    var contentType = reader.ReadString();
                    var processors = Strings(reader);
                    var encoding = reader.ReadString();
                    var variantOf = reader.ReadString();
                    var members = Strings(reader);
                    var isManifest = reader.ReadBoolean();
                    var kind = reader.ReadByte();
                    var length = reader.ReadInt64();
                    var md5 = reader.ReadString();
                    MediaContent content;
                    if (kind == SameAsOrigin && origin >= 0) content = found[origin].Content;
                    else
                    {
                        var objectKey = ObjectKey(cache, md5, length);
                        if (!cache.Holds(objectKey, length)) return null;
                        content = new CachedObjectContent(cache, objectKey, length) { KnownMd5 = md5 };
                    }
                    var original = origin >= 0 ? found[origin] : new MediaFile(logical, fullName!, source!, sourceRoot!, content, new DateTime(ticks, DateTimeKind.Utc));
                    files.Add(processors.Length == 0 && ReferenceEquals(content, original.Content) && key == original.RelativePath && !isManifest ? original
                        : MediaFile.Restore(original, key, content, processors, contentType, encoding.Length == 0 ? null : encoding,
                            variantOf.Length == 0 ? null : variantOf, members, isManifest));
                }
                return files;
            }
        }

        private static string ObjectKey(ProcessingCache cache, string md5, long length) => cache.KeyFor("object", md5, length);

        private static bool StoreObject(ProcessingCache cache, MediaFile file)
        {
            var key = ObjectKey(cache, file.Hash, file.Length);
            if (cache.Holds(key, file.Length)) return true;
            try { return cache.Put(key, file.ReadAllBytes()); }
            catch (IOException) { return false; }
        }

        private static void Strings(BinaryWriter writer, IReadOnlyList<string> strings)
        {
            writer.Write(strings.Count);
            foreach (var text in strings) writer.Write(text);
        }

        private static string[] Strings(BinaryReader reader)
        {
            var strings = new string[reader.ReadInt32()];
            for (var i = 0; i < strings.Length; i++) strings[i] = reader.ReadString();
            return strings;
        }

        private sealed class ReferenceComparer : IEqualityComparer<MediaFile>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();
            public bool Equals(MediaFile? x, MediaFile? y) => ReferenceEquals(x, y);
            public int GetHashCode(MediaFile obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }

    /// <summary>Content kept in the processing cache, read (and its checksum checked) only when it is written somewhere.</summary>
    internal sealed class CachedObjectContent : MediaContent
    {
        private readonly ProcessingCache _cache;
        private readonly string _key;
        private readonly long _length;

        public CachedObjectContent(ProcessingCache cache, string key, long length)
        {
            _cache = cache;
            _key = key;
            _length = length;
        }

        public override long Length => _length;

        public override Stream OpenRead()
        {
            var bytes = _cache.Load(_key);
            if (bytes == null || bytes.LongLength != _length)
                throw new IOException($"the processing cache's copy of this content ('{_key}' in '{_cache.Folder}') is gone or damaged; run again to remake it.");
            return new MemoryStream(bytes, writable: false);
        }
    }
}
