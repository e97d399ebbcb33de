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

        /// <summary>A file or folder name is at most 255 UTF-16 units on Windows and 255 bytes of UTF-8 elsewhere.</summary>
        public const int MaxSegmentLength = 255;

        public static string? SegmentTooLong(string key, bool windows)
        {
            foreach (var segment in key.Split('/'))
            {
                var length = windows ? segment.Length : Encoding.UTF8.GetByteCount(segment);
                if (length > MaxSegmentLength)
                    return $"a file or folder name is at most {MaxSegmentLength} {(windows ? "characters" : "bytes of UTF-8")} here, and '{Platform.UnreachableNames.Abbreviate(segment)}' has {length}";
            }
            return null;
        }

        private const string WindowsForbidden = "<>:\"\\|?*";
        private static readonly string[] WindowsDevices = { "CON", "PRN", "AUX", "NUL" };

        /// <summary>
        /// What Windows cannot hold as a file or folder name: the characters it forbids, a trailing '.' or ' ' (which
        /// it drops, so the file would get another name) and device names such as NUL or COM1, with any extension.
        /// </summary>
        public static string? WindowsName(string key)
        {
            foreach (var segment in key.Split('/'))
            {
                foreach (var c in segment)
                    if (c < ' ' || WindowsForbidden.IndexOf(c) >= 0)
                        return $"Windows file names may not hold {(c < ' ' ? $"U+{(int)c:X4}" : $"'{c}'")}";
                if (segment.EndsWith(".", StringComparison.Ordinal) || segment.EndsWith(" ", StringComparison.Ordinal))
                    return $"Windows drops the '{segment[segment.Length - 1]}' that ends '{segment}', so it would be written under another name";
                if (IsWindowsDevice(segment.Split('.')[0].TrimEnd(' ')))
                    return $"'{segment}' names a device on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9), not a file";
            }
            return null;
        }

        private static bool IsWindowsDevice(string stem)
        {
            if (Array.Exists(WindowsDevices, device => string.Equals(device, stem, StringComparison.OrdinalIgnoreCase))) return true;
            return stem.Length == 4 && (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase))
                && (char.IsDigit(stem[3]) || "\u00b9\u00b2\u00b3".IndexOf(stem[3]) >= 0);
        }

        public static string? First(params string?[] problems) => Array.Find(problems, problem => problem != null);
    }
}
