using System;
using System.Collections.Concurrent;
using System.IO;

namespace MediaSync.Platform
{
    /// <summary>Creates destination folders once per run; thousands of files share a few hundred folders.</summary>
    internal sealed class FolderCache
    {
        private readonly ConcurrentDictionary<string, bool> _known = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        public void Ensure(string folder)
        {
            if (_known.ContainsKey(folder)) return;
            Directory.CreateDirectory(folder);
            _known.TryAdd(folder, true);
        }
    }
}
