using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// Runs processing steps over a set of files, step by step so batch steps see every file at once.
    /// A file no step touches comes out as the same object; a step that fails a file reports an error,
    /// warns, and lets the file pass through that step unchanged.
    /// </summary>
    public static class MediaProcessing
    {
        public static IReadOnlyList<MediaFile> Run(IReadOnlyList<MediaFile> files, IReadOnlyList<IMediaProcessor> processors, IEngineHost host)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (processors == null) throw new ArgumentNullException(nameof(processors));
            var current = files.ToArray();
            foreach (var processor in processors)
            {
                host.Cancellation.ThrowIfCancellationRequested();
                var indexes = Enumerable.Range(0, current.Length).Where(i => Accepts(processor, current[i], host)).ToArray();
                if (indexes.Length == 0) continue;
                var outcomes = processor is IBatchMediaProcessor batch
                    ? RunBatch(batch, indexes.Select(i => current[i]).ToArray(), host)
                    : indexes.Select(i => RunOne(processor, current[i], host)).ToArray();
                for (var n = 0; n < indexes.Length; n++)
                {
                    var file = current[indexes[n]];
                    var outcome = outcomes[n];
                    if (outcome.Error != null)
                    {
                        host.WriteError(outcome.Error);
                        host.WriteWarning($"'{file.RelativePath}' passes through '{processor.Name}' unprocessed: {outcome.Error.Message}");
                    }
                    else if (outcome.Content != null)
                    {
                        current[indexes[n]] = file.Derive(outcome.Content, processor.Name, outcome.NewKey);
                    }
                }
            }
            return current;
        }

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
