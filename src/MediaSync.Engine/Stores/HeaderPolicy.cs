using System;
using System.Collections.Generic;
using System.Globalization;
using MediaSync.Discovery;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>A glob over keys and the headers it sets, e.g. "*.html" => Cache-Control: no-cache.</summary>
    internal sealed class HeaderRule
    {
        /// <summary>Throws HeaderInvalid for a header that cannot be sent (<see cref="HeaderSyntax"/>), before anything is listed or put.</summary>
        public HeaderRule(string pattern, IReadOnlyDictionary<string, string> headers)
        {
            foreach (var header in headers) HeaderSyntax.Require(header.Key, header.Value, $"the header rule '{HeaderSyntax.Printable(pattern)}'");
            Pattern = new Glob(pattern);
            Headers = headers;
        }

        public Glob Pattern { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>
        /// Rules from a map of glob to headers, in the map's order, as a script writes them:
        /// [ordered]@{ '*.html' = @{ 'Cache-Control' = 'no-cache' } }. <paramref name="unwrap"/> gives the value a host's
        /// wrapper holds (PowerShell's PSObject).
        /// </summary>
        public static IReadOnlyList<HeaderRule> Parse(System.Collections.IDictionary rules, Func<object?, object?>? unwrap = null)
        {
            var parsed = new List<HeaderRule>();
            foreach (System.Collections.DictionaryEntry rule in rules)
            {
                var value = unwrap != null ? unwrap(rule.Value) : rule.Value;
                if (!(value is System.Collections.IDictionary headers))
                    throw new MediaSyncException(Errors.ConflictingArguments(
                        $"The header rule for '{rule.Key}' must map to headers, e.g. '*.html' = @{{ 'Cache-Control' = 'no-cache' }}."));
                var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (System.Collections.DictionaryEntry header in headers) named[header.Key?.ToString() ?? ""] = header.Value?.ToString() ?? "";
                parsed.Add(new HeaderRule(rule.Key?.ToString() ?? "", named));
            }
            return parsed;
        }

        /// <summary>A rule written as text, as a command line gives it: GLOB=Name: value[; Name: value].</summary>
        public static HeaderRule Parse(string text)
        {
            var equals = text.IndexOf('=');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in equals < 1 ? Array.Empty<string>() : text.Substring(equals + 1).Split(';'))
            {
                var colon = pair.IndexOf(':');
                if (colon < 1) { headers.Clear(); break; }
                headers[pair.Substring(0, colon).Trim()] = pair.Substring(colon + 1).Trim();
            }
            if (headers.Count == 0)
                throw new MediaSyncException(Errors.ConflictingArguments($"'{text}' is not a header rule; write GLOB=Name: value, e.g. '*.html=Cache-Control: no-cache'."));
            return new HeaderRule(text.Substring(0, equals), headers);
        }
    }

    /// <summary>
    /// The headers an object is served with: Content-Type from the file, Content-Encoding from variants, a year of
    /// caching by default (as the ancestor did), then the rules in order, later rules overriding earlier ones.
    /// </summary>
    internal sealed class HeaderPolicy
    {
        /// <summary>Headers that are recomputed on every run (Expires moves with the clock); they never count as drift.</summary>
        public static readonly IReadOnlyCollection<string> Volatile = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Expires" };

        public int ExpirationDays { get; set; } = 365;
        public IList<HeaderRule> Rules { get; } = new List<HeaderRule>();

        // Most files share their headers (same type, same rules): one dictionary per combination, so its digest is computed once.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _shared =
            new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, string> For(MediaFile file, DateTime nowUtc)
        {
            var matched = new List<HeaderRule>();
            var shape = new System.Text.StringBuilder()
                .Append(file.ContentType).Append('\n').Append(file.ContentEncoding).Append('\n')
                .Append(ExpirationDays.ToString(CultureInfo.InvariantCulture)).Append('\n').Append(nowUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < Rules.Count; i++)
            {
                if (!Rules[i].Pattern.IsMatch(file.RelativePath)) continue;
                matched.Add(Rules[i]);
                shape.Append('\n').Append(i.ToString(CultureInfo.InvariantCulture));
            }
            return _shared.GetOrAdd(shape.ToString(), _ => Build(file, nowUtc, matched));
        }

        private IReadOnlyDictionary<string, string> Build(MediaFile file, DateTime nowUtc, IEnumerable<HeaderRule> matched)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = file.ContentType,
            };
            if (file.ContentEncoding != null) headers["Content-Encoding"] = file.ContentEncoding;
            if (ExpirationDays > 0)
            {
                headers["Cache-Control"] = "public, max-age=" + ((long)ExpirationDays * 86400).ToString(CultureInfo.InvariantCulture);
                headers["Expires"] = nowUtc.AddDays(ExpirationDays).ToString("r", CultureInfo.InvariantCulture);
            }
            foreach (var rule in matched)
                foreach (var header in rule.Headers) headers[header.Key] = header.Value;
            return headers;
        }
    }
}
