using System.Collections.Generic;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// One processing step. Implement it in C# or PowerShell and pass the object to Invoke-MediaProcessor -Processor.
    /// Steps run on the thread that invoked the engine, one file at a time, unless they also implement
    /// <see cref="IBatchMediaProcessor"/>.
    /// </summary>
    public interface IMediaProcessor
    {
        /// <summary>The name recorded in <see cref="MediaFile.Processors"/> and used in errors.</summary>
        string Name { get; }

        /// <summary>True for the files this step works on; others pass it untouched.</summary>
        bool Accepts(MediaFile file);

        /// <summary>New content for <paramref name="file"/>, or null when it stays as it is. Throwing fails this file only.</summary>
        MediaContent? Process(MediaFile file, IEngineHost host);
    }

    /// <summary>A step that works best on many files at once (one esbuild run for a thousand files).</summary>
    public interface IBatchMediaProcessor : IMediaProcessor
    {
        /// <summary>One outcome per file, in order.</summary>
        IReadOnlyList<ProcessOutcome> ProcessBatch(IReadOnlyList<MediaFile> files, IEngineHost host);
    }

    /// <summary>What a batch step did with one file: new content (maybe under a new key), no change, or a per-file error.</summary>
    public sealed class ProcessOutcome
    {
        private static readonly KeyValuePair<string, MediaContent>[] NoCompanions = new KeyValuePair<string, MediaContent>[0];
        private static readonly string[] NoKeys = new string[0];

        private ProcessOutcome(MediaContent? content, string? newKey, MediaSyncError? error,
            IReadOnlyList<KeyValuePair<string, MediaContent>>? companions = null, IReadOnlyList<string>? stale = null)
        {
            Content = content;
            NewKey = newKey;
            Error = error;
            Companions = companions ?? NoCompanions;
            Stale = stale ?? NoKeys;
        }

        public MediaContent? Content { get; }
        /// <summary>The file's new key when the step renames it (fingerprints); null keeps the key.</summary>
        public string? NewKey { get; }
        public MediaSyncError? Error { get; }
        /// <summary>Files written beside this one (its source map), by key; each replaces a file of the same key in the set.</summary>
        public IReadOnlyList<KeyValuePair<string, MediaContent>> Companions { get; }
        /// <summary>Keys this step made stale (the input's old source map): dropped from the set, with a verbose line.</summary>
        public IReadOnlyList<string> Stale { get; }

        public static readonly ProcessOutcome Unchanged = new ProcessOutcome(null, null, null);
        public static ProcessOutcome Changed(MediaContent content, string? newKey = null) => new ProcessOutcome(content, newKey, null);
        public static ProcessOutcome Failed(MediaSyncError error) => new ProcessOutcome(null, null, error);
        public static ProcessOutcome Changed(MediaContent content, IReadOnlyList<KeyValuePair<string, MediaContent>>? companions, IReadOnlyList<string>? stale) =>
            new ProcessOutcome(content, null, null, companions, stale);
    }
}
