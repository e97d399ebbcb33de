using System;
using System.Text;
using MediaSync.Reporting;

namespace MediaSync.Processing.References
{
    /// <summary>
    /// Reads a stylesheet or script as text in the encoding it declares (a byte-order mark, or CSS @charset) or else
    /// UTF-8, strictly: bytes that are not valid there are MediaSync.TextEncodingInvalid, never U+FFFD. Writes text
    /// back in the same encoding, with the same byte-order mark.
    /// </summary>
    internal sealed class TextCodec
    {
        private readonly byte[] _preamble;

        private TextCodec(Encoding encoding, byte[] preamble)
        {
            Encoding = encoding;
            _preamble = preamble;
        }

        public Encoding Encoding { get; }

        /// <summary>Decodes <paramref name="bytes"/>; throws MediaSyncException (TextEncodingInvalid) naming <paramref name="key"/>.</summary>
        public static (string Text, TextCodec Codec) Decode(byte[] bytes, string key)
        {
            var (encoding, skip) = Detect(bytes, key);
            try
            {
                var text = encoding.GetString(bytes, skip, bytes.Length - skip);
                var preamble = new byte[skip];
                Array.Copy(bytes, preamble, skip);
                return (text, new TextCodec(encoding, preamble));
            }
            catch (DecoderFallbackException e)
            {
                var at = e.Index >= 0 ? $"a byte that cannot be decoded at offset {e.Index + skip}" : "bytes that cannot be decoded";
                throw new MediaSyncException(Errors.TextEncodingInvalid(key, encoding.WebName, at));
            }
        }

        public byte[] Encode(string text)
        {
            var body = Encoding.GetBytes(text);
            if (_preamble.Length == 0) return body;
            var all = new byte[_preamble.Length + body.Length];
            _preamble.CopyTo(all, 0);
            body.CopyTo(all, _preamble.Length);
            return all;
        }

        private static (Encoding Encoding, int Skip) Detect(byte[] bytes, string key)
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) return (StrictUtf8, 3);
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return (new UnicodeEncoding(false, false, true), 2);
            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return (new UnicodeEncoding(true, false, true), 2);
            var charset = CssCharset(bytes);
            if (charset == null || !IsCss(key)) return (StrictUtf8, 0);
            if (string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase)) return (StrictUtf8, 0);
            try
            {
                // Strict, so a byte the charset lacks is refused rather than replaced.
                return (Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), 0);
            }
            catch (ArgumentException)
            {
                throw new MediaSyncException(Errors.TextEncodingInvalid(key, charset, "its @charset names an encoding this platform does not have"));
            }
        }

        /// <summary>The name in a leading @charset "…"; rule (ASCII bytes, exactly as CSS Syntax specifies), or null.</summary>
        private static string? CssCharset(byte[] bytes)
        {
            const string prefix = "@charset \"";
            if (bytes.Length < prefix.Length + 2) return null;
            for (var i = 0; i < prefix.Length; i++) if (bytes[i] != prefix[i]) return null;
            var name = new StringBuilder();
            for (var i = prefix.Length; i < bytes.Length && i < prefix.Length + 40; i++)
            {
                if (bytes[i] == '"') return i + 1 < bytes.Length && bytes[i + 1] == ';' ? name.ToString() : null;
                if (bytes[i] >= 0x80) return null;
                name.Append((char)bytes[i]);
            }
            return null;
        }

        internal static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Whether the key names a stylesheet or a script, the only files decoded as text.</summary>
        internal static bool IsCss(string key) => key.EndsWith(".css", StringComparison.OrdinalIgnoreCase);
        internal static bool IsJs(string key) => key.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase);
    }
}
