using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing.Cache
{
    /// <summary>
    /// Sync-Media's whole processing (bundle, steps, fingerprint, compress, manifest) as one cache entry, keyed by what
    /// it is a function of: the engine, every step's identity and setting, and each found file's key, origin and MD5.
    /// A no-op finds the same key, so it takes last run's files (keys, steps, and content kept in the cache) and runs
    /// no step, yet publishes exactly what a full run would. The warnings that run gave are given again; a run that
    /// failed a file is not kept. Only steps that declare their identity take part (a script processor does not).
    /// </summary>
    internal sealed class ProcessedSet
    {
        private const int Format = 1;
        private readonly ProcessingCache _cache;
        private readonly string _identity;

        private ProcessedSet(ProcessingCache cache, string identity)
        {
            _cache = cache;
            _identity = identity;
        }

        /// <summary>The set for these settings, or null when there is no cache or a step cannot say what it does.</summary>
        public static ProcessedSet? For(ProcessingCache? cache, IEnumerable<IMediaProcessor> steps, IEnumerable<BundleDefinition> bundles,
            CompressionRequest? compression, string manifestPath)
        {
            if (cache == null) return null;
            var identity = new StringBuilder("processed set v").Append(Format).Append('\n');
            foreach (var step in steps)
            {
                if (step is ICacheableMediaProcessor cacheable) identity.Append(step.Name).Append(": ").Append(cacheable.CacheIdentity).Append('\n');
                else if (step is MediaFingerprinting.Step fingerprint) identity.Append(fingerprint.Identity).Append('\n');
                else return null;
            }
            foreach (var bundle in bundles) identity.Append("bundle ").Append(bundle.Name).Append(" = ").Append(string.Join("|", bundle.Members)).Append('\n');
            if (compression != null)
                identity.Append("compress ").Append(compression.Naming).Append(' ').Append(compression.MinimumSize).Append(' ')
                    .Append(string.Join("|", compression.Encodings.Select(MediaCompression.CacheIdentity))).Append('\n');
            identity.Append("manifest ").Append(Path.GetFullPath(manifestPath));
            return new ProcessedSet(cache, identity.ToString());
        }

        /// <summary>The entry's key for these found files (reading the ones whose MD5 is not known yet).</summary>
        public string KeyFor(IReadOnlyList<MediaFile> found)
        {
            using (var sha = SHA256.Create())
            {
                void Add(string? text)
                {
                    var bytes = Encoding.UTF8.GetBytes((text ?? "\u0001") + "\0");
                    sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
                }
                Add(_identity);
                foreach (var file in found)
                {
                    Add(file.RelativePath); Add(file.FullName); Add(file.Source); Add(file.SourceRoot); Add(file.ContentType);
                    Add(file.Action?.ToString()); Add(file.Deleted ? "" : file.Hash); Add(file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Add(string.Join("|", file.Overrides.Select(o => o.FullName))); Add(string.Join("|", file.MissingSources)); Add(string.Join("|", file.SkippedLinks));
                }
                sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                return _cache.KeyFor("processed set", ContentHash.ToHex(sha.Hash!), found.Count);
            }
        }

        /// <summary>Last run's files for <paramref name="key"/>, its warnings given again; null when there is none or its content is gone.</summary>
        public IReadOnlyList<MediaFile>? TryRestore(string key, IReadOnlyList<MediaFile> found, IEngineHost host)
        {
            var data = _cache.Load(key);
            if (data == null) return null;
            try
            {
                List<string> warnings;
                var files = ProcessedSetFormat.Read(data, found, _cache, out warnings);
                if (files == null) return null;
                host.WriteVerbose($"Processing: the {files.Count} files of an earlier run of the same {found.Count} files and settings, from '{_cache.Folder}'; no step ran.");
                foreach (var warning in warnings) host.WriteWarning(warning);
                return files;
            }
            catch (Exception e) when (e is EndOfStreamException || e is IOException || e is FormatException) { return null; }
        }

        /// <summary>Keeps <paramref name="processed"/> under <paramref name="key"/>, with its content; a failure only means no entry.</summary>
        public void Save(string key, IReadOnlyList<MediaFile> found, IReadOnlyList<MediaFile> processed, IReadOnlyList<string> warnings)
        {
            var data = ProcessedSetFormat.Write(found, processed, warnings, _cache);
            if (data != null) _cache.Put(key, data);
        }
    }
}
