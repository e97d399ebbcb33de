using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>
    /// A store whose keys are files on this machine (a folder): names may compare without case, a result names the
    /// file's path, and a key the listing leaves out (a hidden name) can be looked up by itself.
    /// </summary>
    internal interface IFileStore : IMediaStore
    {
        bool CaseSensitive { get; }

        /// <summary>Whether the folder is there at all: a folder that is not yet holds nothing to look up.</summary>
        bool Exists { get; }

        string PathOf(string key);

        /// <summary>What is at <paramref name="key"/> (a file, a link or a folder), or null.</summary>
        StoredObject? Find(string key);

        /// <summary>Removes the temp files of interrupted writes the last listing found; returns how many went.</summary>
        int RemoveLeftovers();
    }

    /// <summary>A store that can be emptied before a publish (-Overwrite Clean); <c>DestinationGuard</c> refuses where that would lose what was not asked for.</summary>
    internal interface ICleanableStore : IMediaStore
    {
        /// <summary>Everything Clean deletes: hidden and '_' names too.</summary>
        IReadOnlyList<StoredObject> ListEverything(CancellationToken cancellation);

        /// <summary>Removes the folders Clean left empty.</summary>
        void RemoveEmptyFolders();
    }

    /// <summary>Some keys of a delete failed; the others were deleted.</summary>
    internal sealed class StoreDeleteException : IOException
    {
        public StoreDeleteException(IReadOnlyDictionary<string, Exception> failures)
            : base($"{failures.Count} of the deletes failed, first '{failures.Keys.First()}': {failures.Values.First().Message}") =>
            Failures = failures;

        public IReadOnlyDictionary<string, Exception> Failures { get; }
    }
}
