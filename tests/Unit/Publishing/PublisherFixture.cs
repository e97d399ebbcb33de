using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Content;
using MediaSync.Discovery;
using MediaSync.Publishing;
using MediaSync.Tests.Support;

namespace MediaSync.Tests.Publishing
{
    /// <summary>A source tree under src/, a destination out/, and helpers to discover and publish.</summary>
    public abstract class PublisherFixture : IDisposable
    {
        protected readonly TempTree Tree = new TempTree();
        protected RecordingHost Host = new RecordingHost();

        protected string Source => Tree.PathOf("src");
        protected string Out => Tree.PathOf("out");

        public void Dispose() => Tree.Dispose();

        protected List<MediaFile> Discover()
        {
            var request = new MediaDiscoveryRequest();
            request.Roots.Add(Source);
            return MediaDiscovery.Discover(request, new RecordingHost()).ToList();
        }

        private protected PublishResult[] Publish(Action<PublishRequest>? configure = null, IReadOnlyList<MediaFile>? files = null)
        {
            Host = new RecordingHost { Approve = Host.Approve, ApproveHighImpact = Host.ApproveHighImpact };
            var request = new PublishRequest(Out);
            configure?.Invoke(request);
            if (request.WhatIf) Host.Approve = false; // -WhatIf: ShouldProcess reports and declines
            return Publisher.Publish(request, files ?? Discover(), Host).ToArray();
        }

        protected static PublishResult For(PublishResult[] results, string key) => results.Single(r => r.RelativePath == key);

        protected static MediaFile InMemory(string key, string text, string root) =>
            new MediaFile(key, Path.Combine(root, key), MediaFile.ProjectSource, root,
                new MemoryContent(System.Text.Encoding.UTF8.GetBytes(text)), TempTree.BaseTime);

        protected string[] TempLeftovers() =>
            Directory.Exists(Out) ? Directory.GetFiles(Out, "*mediasync-tmp", SearchOption.AllDirectories) : Array.Empty<string>();
    }
}
