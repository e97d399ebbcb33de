using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace MediaSync.Web
{
    /// <summary>
    /// What the development server sends for one key and one Accept-Encoding: a precompressed twin beside the file
    /// (x.css.br, x.css.gz) when the client takes it, else for text a gzip made on the fly, else the file itself. Only
    /// text or a file with a twin is negotiable, and every negotiable answer (identity too, 304s too) carries Vary.
    /// </summary>
    internal sealed class ServedRepresentation
    {
        private static readonly (string Coding, string Suffix)[] Twins = { ("br", ".br"), ("gzip", ".gz") };

        private ServedRepresentation(ServedFile original, ServedFile body, string? encoding, bool onTheFly, bool negotiable)
        {
            Original = original;
            Body = body;
            Encoding = encoding;
            OnTheFly = onTheFly;
            Negotiable = negotiable;
        }

        /// <summary>The file asked for: its Content-Type is the answer's, whatever the encoding.</summary>
        public ServedFile Original { get; }
        /// <summary>The file whose bytes are sent (the twin, or the original, compressed on the fly or not).</summary>
        public ServedFile Body { get; }
        /// <summary>The Content-Encoding, or null for identity.</summary>
        public string? Encoding { get; }
        public bool OnTheFly { get; }
        public bool Negotiable { get; }

        /// <summary>Distinct per encoding, so a cache never answers a gzip request with brotli validators.</summary>
        public string ETag => "\"" + Body.Length.ToString("x", CultureInfo.InvariantCulture) + "-" + Body.LastWriteTimeUtc.Ticks.ToString("x", CultureInfo.InvariantCulture)
            + (Encoding == null ? "" : "-" + Encoding + (OnTheFly ? "-live" : "")) + "\"";

        public static ServedRepresentation Choose(Func<string, ServedFile?> find, string key, ServedFile found, string? acceptEncoding)
        {
            var twins = Twins.Select(t => (t.Coding, File: TryFind(find, key + t.Suffix))).Where(t => t.File != null).ToList();
            var text = ContentTypes.IsText(found.ContentType);
            if (twins.Count == 0 && !text) return new ServedRepresentation(found, found, null, false, false);
            var accept = AcceptEncoding.Parse(acceptEncoding);
            var coding = accept.Choose(AcceptEncoding.Preferred.Where(c => twins.Any(t => t.Coding == c) || text && c == "gzip"));
            if (coding == null) return new ServedRepresentation(found, found, null, false, true);
            var twin = twins.FirstOrDefault(t => t.Coding == coding).File;
            return twin != null ? new ServedRepresentation(found, twin, coding, false, true) : new ServedRepresentation(found, found, coding, true, true);
        }

        private static ServedFile? TryFind(Func<string, ServedFile?> find, string key)
        {
            try { return find(key); }
            catch (NotAFileException) { return null; }
        }

        /// <summary>
        /// The body to send, opened before any header. On the fly it is gzip at the fastest level, in memory, so
        /// Content-Length is exact: development files are small, and gzip is in both builds (BrotliStream is not in netstandard2.0).
        /// </summary>
        public Stream Open()
        {
            if (!OnTheFly) return Body.Open();
            var buffer = new MemoryStream();
            using (var source = Body.Open())
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
                source.CopyTo(gzip);
            buffer.Position = 0;
            return buffer;
        }
    }
}
