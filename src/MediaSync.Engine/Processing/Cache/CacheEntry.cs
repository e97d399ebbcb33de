using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MediaSync.Content;

namespace MediaSync.Processing.Cache
{
    /// <summary>
    /// A step's whole outcome as one cache entry: its output (or "unchanged"), and the files it wrote beside it and
    /// the keys it made stale (Minify's source map), so a hit gives exactly what a run would.
    /// </summary>
    internal static class CacheEntry
    {
        private const byte WithExtras = 2;

        public static byte[] Write(ProcessOutcome outcome)
        {
            var output = outcome.Content?.ReadAllBytes();
            if (outcome.Companions.Count == 0 && outcome.Stale.Count == 0) return ProcessingCache.Wrap(output);
            using (var buffer = new MemoryStream())
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8))
            {
                writer.Write(WithExtras);
                writer.Write(outcome.Stale.Count);
                foreach (var key in outcome.Stale) writer.Write(key);
                writer.Write(outcome.Companions.Count);
                foreach (var companion in outcome.Companions)
                {
                    var bytes = companion.Value.ReadAllBytes();
                    writer.Write(companion.Key);
                    writer.Write(bytes.Length);
                    writer.Write(bytes);
                }
                writer.Write(output != null);
                if (output != null)
                {
                    writer.Write(output.Length);
                    writer.Write(output);
                }
                writer.Flush();
                return buffer.ToArray();
            }
        }

        /// <summary>The outcome an entry holds, or null when it cannot be read as one (a miss).</summary>
        public static ProcessOutcome? Read(byte[] entry)
        {
            if (entry.Length == 0 || entry[0] != WithExtras)
            {
                var content = ProcessingCache.Unwrap(entry);
                return content == null ? ProcessOutcome.Unchanged : ProcessOutcome.Changed(MediaContent.FromBytes(content));
            }
            try
            {
                using (var reader = new BinaryReader(new MemoryStream(entry, 1, entry.Length - 1), Encoding.UTF8))
                {
                    var stale = new string[reader.ReadInt32()];
                    for (var i = 0; i < stale.Length; i++) stale[i] = reader.ReadString();
                    var companions = new KeyValuePair<string, MediaContent>[reader.ReadInt32()];
                    for (var i = 0; i < companions.Length; i++)
                    {
                        var key = reader.ReadString();
                        companions[i] = new KeyValuePair<string, MediaContent>(key, MediaContent.FromBytes(reader.ReadBytes(reader.ReadInt32())));
                    }
                    var output = reader.ReadBoolean() ? reader.ReadBytes(reader.ReadInt32()) : null;
                    // "unchanged" with extras cannot be said by an outcome; such an entry is a miss
                    return output == null ? null : ProcessOutcome.Changed(MediaContent.FromBytes(output), companions, stale);
                }
            }
            catch (Exception e) when (e is EndOfStreamException || e is IOException || e is ArgumentException) { return null; }
        }
    }
}
