using System;
using System.Collections.Generic;
using System.Linq;

namespace MediaSync.Reporting
{
    /// <summary>The name someone most likely meant, for "did you mean" in messages.</summary>
    internal static class NearestName
    {
        /// <summary>
        /// The candidate <paramref name="name"/> most likely meant: the same letters without dashes or case
        /// (CacheControl for Cache-Control), else the closest by edit distance, if it is close at all.
        /// </summary>
        public static string? Of(IEnumerable<string> candidates, string name)
        {
            var all = candidates.ToList();
            string Letters(string s) => new string(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
            var sameLetters = all.FirstOrDefault(k => Letters(k) == Letters(name));
            if (sameLetters != null) return sameLetters;
            var best = all.Select(k => (Name: k, Distance: Distance(k.ToLowerInvariant(), name.ToLowerInvariant())))
                .OrderBy(c => c.Distance).FirstOrDefault();
            return best.Name != null && best.Distance <= Math.Max(2, name.Length / 3) ? best.Name : null;
        }

        private static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
            return previous[b.Length];
        }
    }
}
