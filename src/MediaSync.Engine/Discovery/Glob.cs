using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaSync.Discovery
{
    /// <summary>
    /// A case-insensitive glob over keys: <c>*</c> and <c>?</c> stay inside one folder, <c>**</c> crosses
    /// folders, <c>[abc]</c> is a set. A pattern without '/' matches the file name anywhere, as in .gitignore.
    /// </summary>
    internal sealed class Glob
    {
        private readonly Regex _regex;
        private readonly bool _matchesFileName;

        public Glob(string pattern)
        {
            if (string.IsNullOrEmpty(pattern)) throw new ArgumentException("A glob pattern cannot be empty.", nameof(pattern));
            Pattern = pattern;
            var normalized = pattern.Replace('\\', '/').TrimStart('/');
            _matchesFileName = normalized.IndexOf('/') < 0;
            _regex = new Regex("^" + ToRegex(normalized) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        public string Pattern { get; }

        public static bool HasWildcards(string pattern) => pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        public bool IsMatch(string key)
        {
            if (!_matchesFileName) return _regex.IsMatch(key);
            var slash = key.LastIndexOf('/');
            return _regex.IsMatch(slash < 0 ? key : key.Substring(slash + 1));
        }

        private static string ToRegex(string pattern)
        {
            var regex = new StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '*')
                {
                    var isDouble = i + 1 < pattern.Length && pattern[i + 1] == '*';
                    if (!isDouble) { regex.Append("[^/]*"); continue; }
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/') { i++; regex.Append("(?:.*/)?"); }
                    else regex.Append(".*");
                }
                else if (c == '?') regex.Append("[^/]");
                else if (c == '[')
                {
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) { regex.Append("\\["); continue; }
                    var set = pattern.Substring(i + 1, close - i - 1);
                    if (set.StartsWith("!", StringComparison.Ordinal)) set = "^" + set.Substring(1);
                    regex.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                    i = close;
                }
                else regex.Append(Regex.Escape(c.ToString()));
            }
            return regex.ToString();
        }
    }

    /// <summary>Include/exclude filtering over keys.</summary>
    internal sealed class KeyFilter
    {
        private readonly Glob[] _include;
        private readonly Glob[] _exclude;

        public KeyFilter(IEnumerable<string>? include, IEnumerable<string>? exclude)
        {
            _include = (include ?? Enumerable.Empty<string>()).Select(p => new Glob(p)).ToArray();
            _exclude = (exclude ?? Enumerable.Empty<string>()).Select(p => new Glob(p)).ToArray();
        }

        public bool Accepts(string key) =>
            (_include.Length == 0 || _include.Any(g => g.IsMatch(key))) && !_exclude.Any(g => g.IsMatch(key));
    }
}
