using System;
using System.Collections.Generic;
using System.Threading;
using MediaSync.Stores;

namespace MediaSync.Publishing
{
    /// <summary>
    /// The files of a publish as they stream in (Publish-Media from the pipeline), where the source roots are known only
    /// as files arrive. Each new source root is checked against the destination (<see cref="DestinationGuard"/>) as it
    /// arrives, so an overlap stops the pipeline at the first file from that root, before any write. A store that is no
    /// folder is listed at once; a folder only once the first files' roots passed, so it is never listed for a publish
    /// that will be refused. (A root that first appears later, after the listing started, is still refused before any
    /// write; the listing only read.) <see cref="Publisher.Publish(PublishRequest, IReadOnlyList{MediaFile}, IMediaStore, Reporting.IEngineHost, StoreListing?)"/>
    /// checks every root once more.
    /// </summary>
    internal sealed class PublishIntake
    {
        private readonly PublishRequest _request;
        private readonly IMediaStore? _store;
        private readonly CancellationToken _cancellation;
        private readonly HashSet<string> _roots = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<MediaFile> _files = new List<MediaFile>();

        public PublishIntake(PublishRequest request, IMediaStore? store, CancellationToken cancellation)
        {
            _request = request ?? throw new ArgumentNullException(nameof(request));
            _store = store;
            _cancellation = cancellation;
            Listing = Publisher.StartListing(request, store, cancellation);
        }

        public PublishRequest Request => _request;

        public IReadOnlyList<MediaFile> Files => _files;

        /// <summary>The destination's listing, once it started; null until then (it is then listed when the publish runs).</summary>
        public StoreListing? Listing { get; private set; }

        /// <summary>Takes <paramref name="files"/>; throws <see cref="Reporting.MediaSyncException"/> when a new source root overlaps the destination.</summary>
        public void Add(IEnumerable<MediaFile> files)
        {
            var fresh = new List<string>();
            foreach (var file in files)
            {
                _files.Add(file);
                if (!file.IsManifest && !string.IsNullOrEmpty(file.SourceRoot) && _roots.Add(file.SourceRoot)) fresh.Add(file.SourceRoot);
            }
            if (fresh.Count == 0) return;
            if (Listing == null) Listing = Publisher.StartListing(_request, _store, _cancellation, fresh);
            else DestinationGuard.Require(_request, _store, fresh);
        }
    }
}
