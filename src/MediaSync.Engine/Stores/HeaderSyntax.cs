using System.Globalization;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// What a header may be, checked wherever one comes in (a header rule from a script, settings or a command line,
    /// and the headers a script store lists), before anything is listed or put. A name is an RFC 7230 token; a value is
    /// printable ASCII, spaces and tabs: a CR or LF would end the header and start another on the wire (header
    /// injection), other control characters are refused by servers or stored mangled, and non-ASCII is not safe in S3
    /// metadata (S3 returns it RFC 2047-encoded) or Azure, so it is refused too: percent-encode it, or use RFC 8187's
    /// <c>filename*=UTF-8''…</c> form in Content-Disposition.
    /// </summary>
    internal static class HeaderSyntax
    {
        // RFC 7230 3.2.6: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
        private const string TokenSymbols = "!#$%&'*+-.^_`|~";

        /// <summary>Why <paramref name="name"/> is no header name, or null when it is one.</summary>
        public static string? NameProblem(string? name)
        {
            if (string.IsNullOrEmpty(name)) return "a header needs a name";
            foreach (var c in name!)
                if (!IsTokenChar(c)) return $"a header name is letters, digits and {TokenSymbols} only, and '{name}' holds {Describe(c)}";
            return null;
        }

        /// <summary>Why <paramref name="value"/> cannot be sent as a header value, or null when it can.</summary>
        public static string? ValueProblem(string? value)
        {
            if (value == null) return null;
            foreach (var c in value)
            {
                if (c == '\t' || (c >= ' ' && c < '\u007f')) continue;
                return c == '\r' || c == '\n'
                    ? $"its value holds {Describe(c)}, which would end the header and start another (header injection)"
                    : c < ' ' || c == '\u007f'
                        ? $"its value holds the control character {Describe(c)}"
                        : $"its value holds {Describe(c)}, which is not ASCII and not safe in every store's headers; percent-encode it (RFC 8187 filename*=UTF-8''… in Content-Disposition)";
            }
            return null;
        }

        /// <summary>Throws HeaderInvalid when <paramref name="name"/> or <paramref name="value"/> cannot be sent; <paramref name="source"/> says where the header came from.</summary>
        public static void Require(string? name, string? value, string source)
        {
            var problem = NameProblem(name) ?? ValueProblem(value);
            if (problem != null) throw new MediaSyncException(Errors.HeaderInvalid(Printable(name ?? ""), problem, source));
        }

        private static bool IsTokenChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TokenSymbols.IndexOf(c) >= 0;

        private static string Describe(char c) =>
            c == '\r' ? "a carriage return (CR, U+000D)"
            : c == '\n' ? "a line feed (LF, U+000A)"
            : c == ' ' ? "a space"
            : c < ' ' || c == '\u007f' || char.IsWhiteSpace(c) ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : $"'{c}' (U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)})";

        /// <summary>A name as it can be shown: control characters as \uXXXX, so a message never carries a raw line break.</summary>
        internal static string Printable(string text)
        {
            var shown = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
                if (c < ' ' || c == '\u007f') shown.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else shown.Append(c);
            return shown.ToString();
        }
    }
}
