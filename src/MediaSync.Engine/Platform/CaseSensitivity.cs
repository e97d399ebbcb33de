using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace MediaSync.Platform
{
    /// <summary>Tells, without writing anything, whether a folder's file system tells 'A' from 'a'.</summary>
    internal static class CaseSensitivity
    {
        public static bool Detect(string folder)
        {
            // Look for the nearest existing folder whose name has letters, and ask for it in the other case.
            for (var current = Path.GetFullPath(folder); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
            {
                var name = Path.GetFileName(current);
                if (string.IsNullOrEmpty(name) || !Directory.Exists(current) || !name.Any(char.IsLetter)) continue;
                var swapped = new string(name.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
                if (swapped == name) continue;
                return !Directory.Exists(Path.Combine(Path.GetDirectoryName(current)!, swapped));
            }
            return !(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX));
        }
    }
}
