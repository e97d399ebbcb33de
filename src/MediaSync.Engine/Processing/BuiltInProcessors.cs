using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Content;
using MediaSync.Reporting;

namespace MediaSync.Processing
{
    /// <summary>Settings the built-in processors share for one run.</summary>
    public sealed class ProcessorSettings
    {
        /// <summary>-EsbuildPath; null looks in the module, then on PATH.</summary>
        public string? EsbuildPath { get; set; }

        /// <summary>The module folder (holding runtimes/&lt;rid&gt;/esbuild), when running inside the module.</summary>
        public string? ModuleRoot { get; set; }

        public EsbuildOptions Esbuild { get; set; } = new EsbuildOptions();
    }

    /// <summary>The processors known by name: -Processor Minify.</summary>
    public static class BuiltInProcessors
    {
        public static readonly IReadOnlyList<string> Names = new[] { "Minify", "Fingerprint" };

        public static IMediaProcessor Create(string name, ProcessorSettings settings)
        {
            if (string.Equals(name, "Minify", StringComparison.OrdinalIgnoreCase))
            {
                var esbuild = EsbuildLocator.Find(settings.EsbuildPath, settings.ModuleRoot);
                return esbuild != null ? new EsbuildMinifier(esbuild, settings.Esbuild) : (IMediaProcessor)new NoMinifier();
            }
            if (string.Equals(name, MediaFingerprinting.ProcessorName, StringComparison.OrdinalIgnoreCase)) return new FingerprintProcessor();
            throw new MediaSyncException(Errors.UnknownProcessor(name, string.Join(", ", Names)));
        }

        /// <summary>Fingerprinting as a step: it needs the whole set at once, to rename referenced files first.</summary>
        private sealed class FingerprintProcessor : IBatchMediaProcessor
        {
            public string Name => MediaFingerprinting.ProcessorName;
            public bool Accepts(MediaFile file) => file.ContentEncoding == null;

            public MediaContent? Process(MediaFile file, IEngineHost host) =>
                throw new InvalidOperationException("Fingerprint works on the whole set; it runs as a batch.");

            public IReadOnlyList<ProcessOutcome> ProcessBatch(IReadOnlyList<MediaFile> files, IEngineHost host) =>
                MediaFingerprinting.Fingerprint(files, null, host)
                    .Select((result, i) => ReferenceEquals(result, files[i]) ? ProcessOutcome.Unchanged
                        : ProcessOutcome.Changed(result.Content, result.RelativePath == files[i].RelativePath ? null : result.RelativePath))
                    .ToArray();
        }

        /// <summary>Stands in for esbuild when there is none: files stay as they are, with one warning per run.</summary>
        private sealed class NoMinifier : IMediaProcessor
        {
            private bool _warned;

            public string Name => "Minify";
            public bool Accepts(MediaFile file) => EsbuildMinifier.IsMinifiable(file.RelativePath);

            public MediaContent? Process(MediaFile file, IEngineHost host)
            {
                if (!_warned)
                {
                    _warned = true;
                    host.WriteWarning("esbuild was not found (-EsbuildPath, the module's runtimes folder, PATH), so JavaScript and CSS are left unminified.");
                }
                return null;
            }
        }
    }
}
