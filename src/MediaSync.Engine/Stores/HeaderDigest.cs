using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace MediaSync.Stores
{
    /// <summary>A short, order-free fingerprint of the headers MediaSync manages (volatile ones left out).</summary>
    internal static class HeaderDigest
    {
        // Header sets are shared between files (HeaderPolicy), so each is digested once.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, string>, string> Known =
            new System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, string>, string>();

        public static string Of(IReadOnlyDictionary<string, string> headers) => Known.GetValue(headers, Compute);

        private static string Compute(IReadOnlyDictionary<string, string> headers)
        {
            var canonical = string.Join("\n", headers
                .Where(h => !HeaderPolicy.Volatile.Contains(h.Key))
                .Select(h => h.Key.ToLowerInvariant() + ":" + h.Value)
                .OrderBy(line => line, StringComparer.Ordinal));
            using (var sha = SHA256.Create())
                return ContentHash.ToHex(sha.ComputeHash(Encoding.UTF8.GetBytes(canonical))).Substring(0, 32);
        }
    }
}
