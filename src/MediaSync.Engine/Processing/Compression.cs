using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>How a compressed variant is named beside its original.</summary>
    public enum VariantNaming
    {
        /// <summary>app.css.gz, app.css.br</summary>
        Suffix,
        /// <summary>app.gz.css: old Safari mishandles a trailing .gz</summary>
        Infix,
        /// <summary>The original's key, for stores that serve by Content-Encoding.</summary>
        SameKey,
    }

    internal sealed class CompressionRequest
    {
        /// <summary>Encodings to produce: "gzip" and/or "br".</summary>
        public IList<string> Encodings { get; set; } = MediaCompression.SupportedEncodings.ToList();
        public VariantNaming Naming { get; set; } = VariantNaming.Suffix;
        /// <summary>Smaller files are not worth a variant (headers and a request cost more).</summary>
        public long MinimumSize { get; set; } = 256;
        /// <summary>Where twins are cached by their input's hash; null computes every twin.</summary>
        public Cache.ProcessingCache? Cache { get; set; }
    }

    /// <summary>
    /// Makes gzip and brotli variants next to originals. Output is deterministic for a given runtime: gzip gets a
    /// fixed header (mtime 0, no file name, OS unknown) and a fixed level, so the same input gives the same bytes
    /// and changed-only sync stays quiet.
    /// </summary>
    internal static class MediaCompression
    {
        public const string Gzip = "gzip";
        public const string Brotli = "br";

        /// <summary>brotli needs .NET's BrotliEncoder: PowerShell 7.4+ (net8.0) has it, Windows PowerShell 5.1 does not.</summary>
        public static bool BrotliSupported =>
#if NET8_0_OR_GREATER
            true;
#else
            false;
#endif

        public static IReadOnlyList<string> SupportedEncodings => BrotliSupported ? new[] { Gzip, Brotli } : new[] { Gzip };

        private static readonly HashSet<string> CompressibleBinaryTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "application/wasm", "font/ttf", "font/otf", "application/vnd.ms-fontobject", "image/x-icon", "image/bmp",
        };

        /// <summary>True for content worth compressing: text, and the few binary web formats that are not compressed already.</summary>
        public static bool IsCompressible(MediaFile file) =>
            file.ContentEncoding == null && !IsAlreadyCompressed(file.RelativePath) && (ContentTypes.IsText(file.ContentType) || CompressibleBinaryTypes.Contains(file.ContentType.Split(';')[0].Trim()));

        public static void Validate(CompressionRequest request)
        {
            foreach (var encoding in request.Encodings)
            {
                if (encoding == Brotli && !BrotliSupported)
                    throw new MediaSyncException(Errors.ConflictingArguments("Brotli needs PowerShell 7.4 or later; Windows PowerShell 5.1 makes gzip variants only."));
                if (encoding != Gzip && encoding != Brotli)
                    throw new MediaSyncException(Errors.ConflictingArguments($"'{encoding}' is not an encoding MediaSync makes; use gzip or br."));
            }
            if (request.MinimumSize < 0) throw new MediaSyncException(Errors.ConflictingArguments($"{OptionNames.Of("MinimumSize")} cannot be negative."));
        }

        /// <summary>Each original, followed by its variants that saved at least 5%, in input order.</summary>
        public static IEnumerable<MediaFile> Compress(IEnumerable<MediaFile> files, CompressionRequest request, IEngineHost host)
        {
            Validate(request);
            return ParallelCompression.Run(files.ToList(), request, host);
        }

        /// <summary>Already compressed formats, by extension, whatever their content type says: recompressing them only costs time.</summary>
        private static readonly HashSet<string> CompressedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".zip", ".gz", ".br", ".zst", ".mp4", ".webm",
            ".mp3", ".ogg", ".m4a", ".svgz", ".7z", ".xz", ".bz2", ".jxl", ".heic",
        };

        internal static bool IsAlreadyCompressed(string key) => CompressedExtensions.Contains(System.IO.Path.GetExtension(key));

        /// <summary>WhiteNoise's rule: a twin must save at least 5% to be worth a second file and a Vary header.</summary>
        internal static bool WorthKeeping(long compressed, long original) => compressed * 100 <= original * 95;

        /// <summary>A cache identity per encoding: the settings and the runtime whose deflate/brotli made the bytes.</summary>
        internal static string CacheIdentity(string encoding) => (encoding == Gzip ? "gzip optimal fixed-header" : "br q11 w22") + " " +
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " keep<=95%";

        /// <summary>The twin's bytes, or null when it would not save 5%.</summary>
        internal static byte[]? Twin(byte[] original, string encoding)
        {
            var compressed = encoding == Gzip ? GzipBytes(original) : BrotliBytes(original);
            return WorthKeeping(compressed.Length, original.Length) ? compressed : null;
        }

        public static string VariantKey(string key, string encoding, VariantNaming naming)
        {
            var extension = encoding == Gzip ? ".gz" : ".br";
            switch (naming)
            {
                case VariantNaming.SameKey:
                    return key;
                case VariantNaming.Infix:
                    var slash = key.LastIndexOf('/');
                    var dot = key.LastIndexOf('.');
                    return dot > slash + 1 ? key.Substring(0, dot) + extension + key.Substring(dot) : key + extension;
                default:
                    return key + extension;
            }
        }

        /// <summary>RFC 1952 gzip with a fixed header and the runtime's deflate at the optimal level.</summary>
        public static byte[] GzipBytes(byte[] input)
        {
            using (var output = new MemoryStream())
            {
                // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown): the same on every platform
                output.Write(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 }, 0, 10);
                using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
                    deflate.Write(input, 0, input.Length);
                WriteLittleEndian(output, Crc32.Compute(input));
                WriteLittleEndian(output, (uint)input.Length);
                return output.ToArray();
            }
        }

        public static byte[] BrotliBytes(byte[] input)
        {
#if NET8_0_OR_GREATER
            // quality 11, window 22: the densest setting; static media is compressed once and served many times
            var output = new byte[BrotliEncoder.GetMaxCompressedLength(input.Length)];
            if (!BrotliEncoder.TryCompress(input, output, out var written, quality: 11, window: 22))
                throw new InvalidOperationException("brotli compression failed");
            return output.AsSpan(0, written).ToArray();
#else
            throw new MediaSyncException(Errors.ConflictingArguments("Brotli needs PowerShell 7.4 or later."));
#endif
        }

        private static void WriteLittleEndian(Stream stream, uint value)
        {
            stream.WriteByte((byte)value);
            stream.WriteByte((byte)(value >> 8));
            stream.WriteByte((byte)(value >> 16));
            stream.WriteByte((byte)(value >> 24));
        }

        /// <summary>CRC-32 (IEEE), as gzip's trailer needs; netstandard2.0 has no System.IO.Hashing.</summary>
        internal static class Crc32
        {
            private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
            {
                var c = (uint)n;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                return c;
            }).ToArray();

            public static uint Compute(byte[] data)
            {
                var crc = 0xFFFFFFFFu;
                foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
                return crc ^ 0xFFFFFFFFu;
            }
        }
    }
}
