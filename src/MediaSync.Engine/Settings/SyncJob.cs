using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Processing.Cache;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;

namespace MediaSync.Settings
{
    /// <summary>What Sync-Media asks for beyond the settings.</summary>
    internal sealed class SyncRequest
    {
        public SyncRequest(MediaSyncSettings settings) => Settings = settings ?? throw new ArgumentNullException(nameof(settings));

        public MediaSyncSettings Settings { get; }
        public bool WhatIf { get; set; }
        /// <summary>Overrides the Delete setting when given.</summary>
        public bool? Delete { get; set; }
        /// <summary>Where esbuild is found (the module's folder) and how it runs; the minifier comes from the settings.</summary>
        public ProcessorSettings Processing { get; set; } = new ProcessorSettings();
        /// <summary>-Shard: this run's part of the keys.</summary>
        public Publishing.Shard? Shard { get; set; }
        /// <summary>-DeleteOnly: the whole job, but only the orphans are deleted and nothing is written.</summary>
        public bool DeleteOnly { get; set; }
        /// <summary>A store opened by the caller (a test's, say) instead of the one the settings name.</summary>
        public IMediaStore? Store { get; set; }
    }

    /// <summary>
    /// Sync-Media: the whole pipeline from settings, exactly as the cmdlets compose it (examples/ shows both):
    /// discover, bundle, process (fingerprinting last), compress, write the manifest, publish (the manifest last).
    /// Progress has one parent activity with a child per stage.
    /// </summary>
    internal static class SyncJob
    {
        public const string Activity = "Sync-Media";
        private static readonly string[] Stages = { "Discover", "Bundle", "Process", "Compress", "Manifest", "Publish" };

        /// <summary>Checks everything that can be checked before any file is read, then returns the lazily produced results.</summary>
        public static IEnumerable<PublishResult> Run(SyncRequest request, IEngineHost host)
        {
            var settings = request.Settings;
            var bundles = settings.ResolveBundles();
            request.Processing.Minifier = settings.Minifier;
            request.Processing.Esbuild.SourceMap = settings.SourceMap;
            request.Processing.MediaUrl = settings.MediaUrl;
            var steps = settings.Processors.Concat(settings.Fingerprint ? new[] { "Fingerprint" } : new string[0])
                .Select(name => BuiltInProcessors.Create(name, request.Processing)).ToList();
            var compression = new CompressionRequest { Naming = settings.VariantNaming, Cache = settings.OpenCache() };
            if (settings.Encodings.Count > 0) compression.Encodings = settings.Encodings;
            MediaCompression.Validate(compression);
            var publish = new PublishRequest(settings.Store.Type == "Folder" && request.Store == null ? settings.FolderDestination : null)
            {
                Mode = settings.Store.Mode,
                Overwrite = settings.Store.Overwrite,
                Fallback = settings.Store.Fallback,
                Checksum = settings.Checksum,
                Delete = request.Delete ?? settings.Delete,
                Shard = request.Shard,
                DeleteOnly = request.DeleteOnly,
                MaxDelete = settings.MaxDelete,
                MaxDeletePercent = settings.MaxDeletePercent,
                ThrottleLimit = settings.ThrottleLimit,
                WhatIf = request.WhatIf,
            };
            if (settings.ExpirationDays is int days) publish.Headers.ExpirationDays = days;
            foreach (var rule in settings.HeaderRules) publish.Headers.Rules.Add(new HeaderRule(rule.Key, rule.Value));
            var store = request.Store ?? StoreReader.Open(settings.Store);
            return Run(settings, bundles, steps, compression, publish, store, request.WhatIf, host);
        }

        /// <summary>The run's summary, named as Sync-Media and `mediasync sync` both name it; each result goes to <paramref name="each"/> first.</summary>
        public static PublishSummary Summarize(MediaSyncSettings settings, IEnumerable<PublishResult> results, Action<PublishResult>? each) =>
            PublishSummary.Collect(settings.Store.Type == "Folder" ? settings.FolderDestination : settings.Store.ToString(), settings.Store.Type != "Folder", results, each);

        private static IEnumerable<PublishResult> Run(MediaSyncSettings settings, IReadOnlyList<BundleDefinition> bundles, List<IMediaProcessor> steps,
            CompressionRequest compression, PublishRequest publish, IMediaStore? store, bool whatIf, IEngineHost host)
        {
            var stages = new StageHost(host, Activity, Stages);
            var discovery = new MediaDiscoveryRequest
            {
                Roots = settings.Roots, Apps = settings.Apps, MediaDirectoryName = settings.MediaDirectoryName, Include = settings.Include, Exclude = settings.Exclude,
                FollowLinks = settings.FollowLinks,
            };
            // The cache's index of file MD5s: sources need no reading to key the cache, a folder's processed files none to compare.
            var hashes = compression.Cache != null ? FileHashIndex.Open(compression.Cache) : null;
            publish.DestinationHashes = hashes;
            // The sources are checked against the destination before anything is listed or written (the manifest too),
            // then the destination is listed while the files are found and processed.
            var listing = Publisher.StartListing(publish, store, host.Cancellation, MediaDiscovery.SourceFolders(discovery));

            stages.Begin(0);
            var found = MediaDiscovery.Discover(discovery, stages).ToList();
            hashes?.Seed(found);
            var processed = ProcessedSet.For(compression.Cache, steps, bundles, settings.Compress ? compression : null, settings.ManifestPath);
            var setKey = processed?.KeyFor(found);
            // Written where the settings say, unless that is in the folder being published to: there the publish
            // writes it, after every file it names. A dry run writes none, but still plans it.
            var manifestPublished = publish.Destination != null && string.Equals(System.IO.Path.GetFullPath(settings.ManifestPath),
                System.IO.Path.Combine(System.IO.Path.GetFullPath(publish.Destination), System.IO.Path.GetFileName(settings.ManifestPath)), PathComparison.ForPlatform);
            bool WritesManifest() => !manifestPublished && host.ShouldProcess(settings.ManifestPath, "Write the manifest") && !whatIf;
            var files = setKey == null ? null : processed!.TryRestore(setKey, found, stages)?.ToList();
            if (files != null)
            {
                for (var stage = 1; stage <= 4; stage++) stages.Begin(stage);
                var manifest = files.FirstOrDefault(f => f.IsManifest);
                if (manifest != null && WritesManifest()) MediaManifest.WriteIfChanged(settings.ManifestPath, manifest.Content);
            }
            else
            {
                var recording = new ObservingHost(stages);
                files = Process(settings, bundles, steps, compression, found, recording, stages);
                if (files.Count > 0) files.Add(MediaManifest.Export(settings.ManifestPath, files, write: WritesManifest()));
                if (setKey != null && recording.Errors == 0) processed!.Save(setKey, found, files, recording.Warnings);
            }
            hashes?.Learn(found);
            stages.Begin(5);
            var results = store != null ? Publisher.Publish(publish, files, store, stages, listing) : Publisher.Publish(publish, files, stages, listing);
            foreach (var result in results) yield return result;
            hashes?.Save();
            stages.Complete();
        }

        /// <summary>Stages 1 to 4 (bundle, steps, compress, then the manifest's stage), warnings and errors to <paramref name="host"/>.</summary>
        private static List<MediaFile> Process(MediaSyncSettings settings, IReadOnlyList<BundleDefinition> bundles, List<IMediaProcessor> steps,
            CompressionRequest compression, List<MediaFile> found, IEngineHost host, StageHost stages)
        {
            var files = found.ToList();
            stages.Begin(1);
            if (bundles.Count > 0) files.AddRange(MediaBundler.Bundle(files, bundles, host).ToList());
            stages.Begin(2);
            if (steps.Count > 0) files = MediaProcessing.Run(files, steps, host, compression.Cache).ToList();
            stages.Begin(3);
            if (settings.Compress) files = MediaCompression.Compress(files, compression, host).ToList();
            stages.Begin(4);
            return files;
        }
    }

    /// <summary>Passes everything to the host, with the engine's own progress as a child of one activity per stage.</summary>
    internal sealed class StageHost : ForwardingHost
    {
        private readonly string _activity;
        private readonly string[] _stages;

        public StageHost(IEngineHost host, string activity, string[] stages) : base(host)
        {
            _activity = activity;
            _stages = stages;
        }

        public override void WriteProgress(ProgressReport progress) =>
            Inner.WriteProgress(new ProgressReport(progress.Activity, progress.Status, progress.BytesDone, progress.BytesTotal, progress.ItemsDone,
                progress.ItemsTotal, progress.CurrentItem, progress.Completed, depth: progress.Depth + 1));

        public void Begin(int stage)
        {
            Cancellation.ThrowIfCancellationRequested();
            Inner.WriteVerbose($"{_activity}: {_stages[stage]}.");
            Inner.WriteProgress(new ProgressReport(_activity, $"{_stages[stage]} ({stage + 1} of {_stages.Length})", 0, 0, stage, _stages.Length, _stages[stage]));
        }

        public void Complete() => Inner.WriteProgress(new ProgressReport(_activity, "Done", 0, 0, _stages.Length, _stages.Length, null, completed: true));
    }
}
