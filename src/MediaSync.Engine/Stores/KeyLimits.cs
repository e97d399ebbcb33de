using System;
using System.Text;

namespace MediaSync.Stores
{
    /// <summary>
    /// A store that cannot hold every key a folder can: a length limit, or characters it refuses or silently changes.
    /// Such keys are failed up front with a clear error instead of a server's 400, or, worse, an object under another name.
    /// </summary>
    public interface IKeyLimitedStore : IMediaStore
    {
        /// <summary>Why <paramref name="key"/> cannot be stored as it is, or null when it can.</summary>
        string? RefuseKey(string key);
    }

    /// <summary>The limits the stores share, each as a sentence for the error.</summary>
    internal static class KeyLimits
    {
        /// <summary>S3's, Swift's and Azure Blob's limit on a whole object name, the prefix included.</summary>
        public const int MaxNameLength = 1024;

        public static string? TooManyBytes(string name, string store)
        {
            var bytes = Encoding.UTF8.GetByteCount(name);
            return bytes > MaxNameLength
                ? $"{store} object names are at most {MaxNameLength} bytes of UTF-8, and '{Platform.UnreachableNames.Abbreviate(name)}' has {bytes}"
                : null;
        }

        public static string? TooManyCharacters(string name, string store) =>
            name.Length > MaxNameLength ? $"{store} object names are at most {MaxNameLength} characters, and this one has {name.Length}" : null;

        /// <summary>Control characters, which Azure Blob does not allow in a name (its listings cannot carry them).</summary>
        public static string? ControlCharacter(string key, string store)
        {
            foreach (var c in key)
                if (char.IsControl(c)) return $"{store} names may not hold control characters, and this one holds U+{(int)c:X4}";
            return null;
        }

        /// <summary>A segment ending in '.', which Azure Blob drops from a URL path, so the blob would get another name.</summary>
        public static string? TrailingDot(string key, string store) =>
            Array.Exists(key.Split('/'), segment => segment.EndsWith(".", StringComparison.Ordinal))
                ? $"{store} drops a '.' that ends a name or a folder, so it would be stored under another name"
                : null;

        public static string? First(params string?[] problems) => Array.Find(problems, problem => problem != null);
    }
}
