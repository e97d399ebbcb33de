using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// Runs processing steps over a set of files, step by step so batch steps see every file at once.
    /// A file no step touches comes out as the same object; a step that fails a file reports one error
    /// and lets the file pass through that step unchanged.
    /// </summary>
    internal static class MediaProcessing
    {
        public static IReadOnlyList<MediaFile> Run(IReadOnlyList<MediaFile> files, IReadOnlyList<IMediaProcessor> processors, IEngineHost host, Cache.ProcessingCache? cache = null)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (processors == null) throw new ArgumentNullException(nameof(processors));
            // Plain loops: LINQ over indexes instantiates generic code that a cold process pays to JIT on every run.
            var current = new MediaFile[files.Count];
            for (var i = 0; i < current.Length; i++) current[i] = files[i];
            List<MediaFile>? companions = null;
            List<string>? stale = null;
            foreach (var processor in processors)
            {
                host.Cancellation.ThrowIfCancellationRequested();
                var indexes = new List<int>();
                var accepted = new List<MediaFile>();
                for (var i = 0; i < current.Length; i++)
                {
                    if (!Accepts(processor, current[i], host)) continue;
                    indexes.Add(i);
                    accepted.Add(current[i]);
                }
                if (indexes.Count == 0) continue;
                var outcomes = cache != null && processor is Cache.ICacheableMediaProcessor cacheable
                    ? Cache.CachedSteps.Run(cacheable, accepted, cache, host, (misses, recording) => RunStep(processor, misses, recording))
                    : RunStep(processor, accepted, host);
                for (var n = 0; n < indexes.Count; n++)
                {
                    var file = current[indexes[n]];
                    var outcome = outcomes[n];
                    // One error per failing file (it passes through unchanged, as the cmdlets' help says), no echoing warning.
                    if (outcome.Error != null) host.WriteError(outcome.Error);
                    else if (outcome.Content != null)
                    {
                        current[indexes[n]] = file.Derive(outcome.Content, processor.Name, outcome.NewKey);
                        foreach (var extra in outcome.Companions) (companions ??= new List<MediaFile>()).Add(current[indexes[n]].DeriveCompanion(extra.Key, extra.Value, processor.Name));
                        if (outcome.Stale.Count > 0) (stale ??= new List<string>()).AddRange(outcome.Stale);
                    }
                }
                if (companions != null || stale != null) current = MediaCompanions.Apply(current, companions, stale, processor.Name, host);
                companions = null;
                stale = null;
            }
            return current;
        }

        private static IReadOnlyList<ProcessOutcome> RunStep(IMediaProcessor processor, IReadOnlyList<MediaFile> files, IEngineHost host) =>
            processor is IBatchMediaProcessor batch ? RunBatch(batch, files, host) : RunEach(processor, files, host);

        private static bool Accepts(IMediaProcessor processor, MediaFile file, IEngineHost host)
        {
            if (file.Deleted) return false; // nothing to process; it passes through to delete its key
            try { return processor.Accepts(file); }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                host.WriteError(Errors.ProcessorFailed(processor.Name, file.RelativePath, e));
                return false;
            }
        }

        private static IReadOnlyList<ProcessOutcome> RunBatch(IBatchMediaProcessor processor, IReadOnlyList<MediaFile> files, IEngineHost host)
        {
            try
            {
                var outcomes = processor.ProcessBatch(files, host);
                if (outcomes.Count != files.Count) throw new InvalidOperationException($"returned {outcomes.Count} outcomes for {files.Count} files");
                return outcomes;
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is MediaSyncException))
            {
                return files.Select(f => ProcessOutcome.Failed(Errors.ProcessorFailed(processor.Name, f.RelativePath, e))).ToArray();
            }
        }

        private static IReadOnlyList<ProcessOutcome> RunEach(IMediaProcessor processor, IReadOnlyList<MediaFile> files, IEngineHost host)
        {
            var outcomes = new ProcessOutcome[files.Count];
            for (var i = 0; i < files.Count; i++) outcomes[i] = RunOne(processor, files[i], host);
            return outcomes;
        }

        private static ProcessOutcome RunOne(IMediaProcessor processor, MediaFile file, IEngineHost host)
        {
            try
            {
                var content = processor.Process(file, host);
                return content == null ? ProcessOutcome.Unchanged : ProcessOutcome.Changed(content);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is MediaSyncException))
            {
                return ProcessOutcome.Failed(Errors.ProcessorFailed(processor.Name, file.RelativePath, e));
            }
        }
    }
}
