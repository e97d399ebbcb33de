using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MediaSync.Web
{
    /// <summary>
    /// An Accept-Encoding header as RFC 9110 12.5.3 reads it: codings with q-values (q=0 refuses), '*' for every coding
    /// not named, identity acceptable unless refused by name or by '*;q=0'. Unparsable parts are skipped, as browsers do.
    /// </summary>
    internal sealed class AcceptEncoding
    {
        private readonly Dictionary<string, double> _q = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        private readonly double? _star;

        private AcceptEncoding(string? header)
        {
            foreach (var part in (header ?? "").Split(','))
            {
                var pieces = part.Split(';');
                var coding = pieces[0].Trim();
                if (coding.Length == 0) continue;
                var q = 1.0;
                foreach (var parameter in pieces.Skip(1))
                {
                    var pair = parameter.Split(new[] { '=' }, 2);
                    if (pair.Length == 2 && pair[0].Trim().Equals("q", StringComparison.OrdinalIgnoreCase)
                        && !double.TryParse(pair[1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q)) q = -1;
                }
                if (q < 0 || q > 1) continue;
                if (coding == "*") _star = q;
                else if (coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)) _q["gzip"] = q;   // RFC 9110 8.4.1.3
                else _q[coding] = q;
            }
        }

        public static AcceptEncoding Parse(string? header) => new AcceptEncoding(header);

        /// <summary>The q-value the client gives <paramref name="coding"/> (0: refused).</summary>
        public double Quality(string coding)
        {
            if (_q.TryGetValue(coding, out var q)) return q;
            if (coding.Equals("identity", StringComparison.OrdinalIgnoreCase)) return _star == 0 ? 0 : 1;
            return _star ?? 0;
        }

        /// <summary>
        /// Of <paramref name="available"/> (in the server's order of preference, e.g. br then gzip), the coding with the
        /// highest q-value above 0, the earlier on a tie; null when identity is as good as any of them.
        /// </summary>
        public string? Choose(IEnumerable<string> available)
        {
            string? best = null;
            var bestQ = 0.0;
            foreach (var coding in available)
            {
                var q = Quality(coding);
                if (q > bestQ) { best = coding; bestQ = q; }
            }
            // identity unnamed is only the fallback (RFC 9110 gives it no q); named, it wins only when rated higher
            var identity = _q.TryGetValue("identity", out var named) ? named : _star ?? 0;
            return best != null && bestQ >= identity ? best : null;
        }

        /// <summary>The encodings MediaSync makes, in the order it prefers them (brotli is smaller).</summary>
        public static readonly IReadOnlyList<string> Preferred = new[] { "br", "gzip" };
    }
}
