using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// A store that says which headers it keeps: a header rule naming any other is refused before anything is
    /// uploaded, instead of being sent, dropped by the server and remembered as applied. A name ending in '*' stands
    /// for every header with that prefix (x-amz-meta-*). A store that keeps headers without declaring them takes any.
    /// </summary>
    public interface IDeclaresKeptHeaders : IMediaStore
    {
        IReadOnlyList<string> KeptHeaders { get; }
    }

    /// <summary>Checks header rules against what a store keeps, and suggests the nearest name it does keep.</summary>
    internal static class KeptHeaders
    {
        /// <summary>Throws HeaderNotKept for the first header a rule names that <paramref name="store"/> would lose.</summary>
        public static void Require(HeaderPolicy policy, IMediaStore store)
        {
            foreach (var rule in policy.Rules)
                foreach (var name in rule.Headers.Keys)
                {
                    if (!store.KeepsHeaders)
                        throw new MediaSyncException(Errors.HeaderNotKept(name, store.Name, Array.Empty<string>(), null));
                    if (store is IDeclaresKeptHeaders declared && !Keeps(declared.KeptHeaders, name))
                        throw new MediaSyncException(Errors.HeaderNotKept(name, store.Name, declared.KeptHeaders, Nearest(declared.KeptHeaders, name)));
                }
        }

        public static bool Keeps(IEnumerable<string> kept, string name) =>
            kept.Any(k => k.EndsWith("*", StringComparison.Ordinal)
                ? name.Length > k.Length - 1 && name.StartsWith(k.Substring(0, k.Length - 1), StringComparison.OrdinalIgnoreCase)
                : name.Equals(k, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// The kept name <paramref name="name"/> most likely meant: the same letters without dashes (CacheControl),
        /// else the closest by edit distance, if it is close at all.
        /// </summary>
        public static string? Nearest(IEnumerable<string> kept, string name)
        {
            var exact = kept.Where(k => !k.EndsWith("*", StringComparison.Ordinal)).ToList();
            string Letters(string s) => new string(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
            var sameLetters = exact.FirstOrDefault(k => Letters(k) == Letters(name));
            if (sameLetters != null) return sameLetters;
            var best = exact.Select(k => (Name: k, Distance: Distance(k.ToLowerInvariant(), name.ToLowerInvariant())))
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
