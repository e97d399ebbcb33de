using System;
using System.IO;

namespace MediaSync
{
    /// <summary>
    /// A file's key: its path relative to the media root, with forward slashes, never rooted and
    /// never leaving the root. Keys name files at every destination, so they are checked in one place.
    /// </summary>
    internal static class MediaKey
    {
        /// <summary>Turns a relative file-system path into a key, or returns null with a reason.</summary>
        public static string? TryFromRelativePath(string relativePath, out string? problem)
        {
            problem = null;
            if (string.IsNullOrEmpty(relativePath)) { problem = "the path is empty"; return null; }
            if (Path.DirectorySeparatorChar != '\\' && relativePath.IndexOf('\\') >= 0)
            {
                problem = "the name contains a backslash, which is a folder separator on Windows and in URLs";
                return null;
            }
            var key = relativePath.Replace('\\', '/');
            return IsValid(key, out problem) ? key : null;
        }

        public static bool IsValid(string key, out string? problem)
        {
            problem = null;
            if (string.IsNullOrEmpty(key)) { problem = "the key is empty"; return false; }
            if (key[0] == '/' || key.IndexOf(':') == 1) { problem = "the key is rooted"; return false; }
            if (key.IndexOf('\\') >= 0) { problem = "the key contains a backslash"; return false; }
            foreach (var segment in key.Split('/'))
            {
                if (segment.Length == 0) { problem = "the key has an empty segment"; return false; }
                if (segment == "." || segment == "..") { problem = "the key contains '.' or '..'"; return false; }
            }
            return true;
        }

        /// <summary>Throws when <paramref name="key"/> is not a valid key.</summary>
        public static string Require(string key)
        {
            if (!IsValid(key, out var problem))
                throw new ArgumentException($"'{key}' is not a valid media key: {problem}.", nameof(key));
            return key;
        }

        /// <summary>A key as a URL path: each segment escaped, the slashes kept.</summary>
        public static string ToUrlPath(string key) => string.Join("/", Array.ConvertAll(key.Split('/'), Uri.EscapeDataString));

        /// <summary>The file-system path of <paramref name="key"/> under <paramref name="root"/>.</summary>
        public static string ToPath(string root, string key) =>
            Path.Combine(root, Path.DirectorySeparatorChar == '/' ? key : key.Replace('/', Path.DirectorySeparatorChar));
    }
}
