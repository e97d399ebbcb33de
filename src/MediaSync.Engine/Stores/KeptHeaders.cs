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

        public static string? Nearest(IEnumerable<string> kept, string name) =>
            NearestName.Of(kept.Where(k => !k.EndsWith("*", StringComparison.Ordinal)), name);
    }
}
