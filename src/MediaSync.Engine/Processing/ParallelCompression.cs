using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>
    /// Compresses on all cores, one file per work item, and emits in input order so the output never depends on timing.
    /// Workers touch no host: errors and notes are kept per file and reported on the calling thread, which also reports
    /// progress by bytes while the workers run. Cancellation stops the workers between files.
    /// </summary>
    internal static class ParallelCompression
    {
        private sealed class Work
        {
            public byte[]?[] Twins = Array.Empty<byte[]?>();
            public MediaSyncError? Error;
            public int Hits;
        }

        public static IEnumerable<MediaFile> Run(IReadOnlyList<MediaFile> files, CompressionRequest request, IEngineHost host)
        {
            var encodings = request.Encodings.Distinct().ToArray();
            var work = new Work?[files.Count];
            var todo = Enumerable.Range(0, files.Count)
                .Where(i => !files[i].Deleted && MediaCompression.IsCompressible(files[i]) && files[i].Length >= request.MinimumSize).ToArray();
            var total = todo.Sum(i => files[i].Length);
            long done = 0;
            var options = new ParallelOptions { CancellationToken = host.Cancellation, MaxDegreeOfParallelism = Environment.ProcessorCount };
            var task = Task.Run(() => Parallel.ForEach(todo, options, i =>
            {
                work[i] = CompressOne(files[i], encodings, request.Cache);
                Interlocked.Add(ref done, files[i].Length);
            }));
            try
            {
                while (!task.Wait(200))
                    host.WriteProgress(new ProgressReport("Compress", "Compressing", Interlocked.Read(ref done), total, 0, todo.Length, null));
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException)) { throw new OperationCanceledException(host.Cancellation); }
            host.WriteProgress(new ProgressReport("Compress", "Done", total, total, todo.Length, todo.Length, null, completed: true));
            if (request.Cache != null)
                host.WriteVerbose($"Compress: {work.Sum(w => w?.Hits ?? 0)} cache hit(s) of {todo.Length * encodings.Length} twin(s) in '{request.Cache.Folder}'.");
            return Emit(files, encodings, request, work, host);
        }

        private static Work CompressOne(MediaFile file, string[] encodings, Cache.ProcessingCache? cache)
        {
            var result = new Work { Twins = new byte[]?[encodings.Length] };
            byte[]? original = null;
            try
            {
                for (var e = 0; e < encodings.Length; e++)
                {
                    var key = cache?.KeyFor(MediaCompression.CacheIdentity(encodings[e]), file);
                    var entry = key == null ? null : cache!.TryGet(key);
                    if (entry != null)
                    {
                        result.Twins[e] = Cache.ProcessingCache.Unwrap(entry);
                        result.Hits++;
                        continue;
                    }
                    original = original ?? file.Content.ReadAllBytes();
                    result.Twins[e] = MediaCompression.Twin(original, encodings[e]);
                    if (key != null) cache!.Put(key, Cache.ProcessingCache.Wrap(result.Twins[e]));
                }
            }
            catch (Exception e) when (Errors.IsIoFailure(e))
            {
                result.Error = Errors.SourceUnreadable(file.RelativePath, file.FullName, e);
            }
            return result;
        }

        private static IEnumerable<MediaFile> Emit(IReadOnlyList<MediaFile> files, string[] encodings, CompressionRequest request, Work?[] work, IEngineHost host)
        {
            for (var i = 0; i < files.Count; i++)
            {
                var file = files[i];
                yield return file;
                if (file.Deleted)
                {
                    // Its variants go too; deleting one that was never made costs nothing.
                    if (MediaCompression.IsCompressible(file))
                        foreach (var encoding in encodings)
                            yield return file.DeriveVariant(file.Content, Processor(encoding), MediaCompression.VariantKey(file.RelativePath, encoding, request.Naming), encoding);
                    continue;
                }
                var done = work[i];
                if (done == null) continue;
                if (done.Error != null)
                {
                    host.WriteError(done.Error);
                    continue;
                }
                for (var e = 0; e < encodings.Length; e++)
                {
                    var twin = done.Twins[e];
                    if (twin == null)
                    {
                        host.WriteVerbose($"'{file.RelativePath}' does not get 5% smaller with {encodings[e]}; no variant.");
                        continue;
                    }
                    yield return file.DeriveVariant(MediaContent.FromBytes(twin), Processor(encodings[e]),
                        MediaCompression.VariantKey(file.RelativePath, encodings[e], request.Naming), encodings[e]);
                }
            }
        }

        private static string Processor(string encoding) => encoding == MediaCompression.Gzip ? "Gzip" : "Brotli";
    }
}
