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
            file.ContentEncoding == null && (ContentTypes.IsText(file.ContentType) || CompressibleBinaryTypes.Contains(file.ContentType.Split(';')[0].Trim()));

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

        /// <summary>Each original, followed by its variants that came out smaller.</summary>
        public static IEnumerable<MediaFile> Compress(IEnumerable<MediaFile> files, CompressionRequest request, IEngineHost host)
        {
            Validate(request);
            foreach (var file in files)
            {
                host.Cancellation.ThrowIfCancellationRequested();
                yield return file;
                if (file.Deleted)
                {
                    // Its variants go too; deleting one that was never made costs nothing.
                    if (IsCompressible(file))
                        foreach (var encoding in request.Encodings.Distinct())
                            yield return file.DeriveVariant(file.Content, encoding == Gzip ? "Gzip" : "Brotli", VariantKey(file.RelativePath, encoding, request.Naming), encoding);
                    continue;
                }
                if (!IsCompressible(file) || file.Length < request.MinimumSize) continue;
                byte[] original;
                try { original = file.Content.ReadAllBytes(); }
                catch (Exception e) when (Errors.IsIoFailure(e))
                {
                    host.WriteError(Errors.SourceUnreadable(file.RelativePath, file.FullName, e));
                    continue;
                }
                foreach (var encoding in request.Encodings.Distinct())
                {
                    var compressed = encoding == Gzip ? GzipBytes(original) : BrotliBytes(original);
                    if (compressed.Length >= original.Length)
                    {
                        host.WriteVerbose($"'{file.RelativePath}' does not get smaller with {encoding}; no variant.");
                        continue;
                    }
                    yield return file.DeriveVariant(MediaContent.FromBytes(compressed), encoding == Gzip ? "Gzip" : "Brotli",
                        VariantKey(file.RelativePath, encoding, request.Naming), encoding);
                }
            }
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
