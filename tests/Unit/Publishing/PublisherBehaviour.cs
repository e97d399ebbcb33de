using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using MediaSync.Content;
using MediaSync.Discovery;
using MediaSync.Publishing;
using MediaSync.Stores;
using MediaSync.Tests.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>
    /// What publishing does the same way for every destination: a folder (Publish-Media -Destination), a folder
    /// store, a store written as scripts, and S3 on Ceph. Each derived class says how to publish and what is there.
    /// </summary>
    public abstract class PublisherBehaviour : IDisposable
    {
        protected readonly TempTree Tree = new TempTree();
        protected RecordingHost Host = new RecordingHost();

        protected PublisherBehaviour()
        {
            Tree.Write("src/css/site.css", "body{}");
            Tree.Write("src/js/app.js", "app()");
            Tree.Write("src/img/logo.png", "png");
        }

        public virtual void Dispose() => Tree.Dispose();

        /// <summary>Publishes with -Delete, -MaxDelete and -WhatIf as given; the host approves every change.</summary>
        protected abstract PublishResult[] Publish(IReadOnlyList<MediaFile> files, bool delete = false, int maxDelete = 100, bool whatIf = false);

        /// <summary>The keys the destination holds, sorted.</summary>
        protected abstract string[] Published();

        protected List<MediaFile> Discover(params string[] roots)
        {
            var request = new MediaDiscoveryRequest();
            foreach (var root in roots.Length == 0 ? new[] { "src" } : roots) request.Roots.Add(Tree.PathOf(root));
            return MediaDiscovery.Discover(request, new RecordingHost()).ToList();
        }

        private PublishResult[] PublishFresh(IReadOnlyList<MediaFile> files, bool delete = false, int maxDelete = 100, bool whatIf = false)
        {
            Host = new RecordingHost();
            return Publish(files, delete, maxDelete, whatIf);
        }

        [Fact]
        public void A_key_that_comes_in_twice_is_skipped_as_a_duplicate_and_the_first_is_published()
        {
            Tree.Write("other/css/site.css", "p{}");
            var files = Discover("src").Concat(Discover("other")).ToList();

            var results = PublishFresh(files);

            var duplicate = Assert.Single(results, r => r.Reason == PublishReason.DuplicateKey);
            Assert.Equal((PublishAction.Skipped, "css/site.css"), (duplicate.Action, duplicate.RelativePath));
            Assert.Contains(Host.Warnings, w => w.Contains("came in twice"));
            Assert.Equal(new[] { "css/site.css", "img/logo.png", "js/app.js" }, Published());
            Assert.Equal(3, results.Count(r => r.Action == PublishAction.Created));
        }

        [Fact]
        public void A_source_that_vanishes_before_publishing_is_one_files_error_and_the_rest_are_published()
        {
            var files = Discover();
            File.Delete(Tree.PathOf("src/js/app.js"));

            var results = PublishFresh(files);

            var failed = Assert.Single(results, r => r.Action == PublishAction.Failed);
            Assert.Equal("js/app.js", failed.RelativePath);
            Assert.Equal("MediaSync.SourceUnreadable", Assert.Single(Host.Errors).Id);
            Assert.Equal(new[] { "css/site.css", "img/logo.png" }, Published());
        }

        [Fact]
        public void A_refused_delete_names_the_orphans_it_kept_and_reports_each_of_them()
        {
            PublishFresh(Discover());
            Tree.Write("src/css/site.css", "body{color:red}");
            File.Delete(Tree.PathOf("src/js/app.js"));
            File.Delete(Tree.PathOf("src/img/logo.png"));

            var results = PublishFresh(Discover(), delete: true, maxDelete: 1);

            var refusal = Assert.Single(Host.Errors);
            Assert.Equal("MediaSync.DeleteLimitExceeded", refusal.Id);
            Assert.Contains("Kept 2 orphan(s): img/logo.png, js/app.js.", refusal.Message);
            var kept = results.Where(r => r.Reason == PublishReason.Orphan).ToArray();
            Assert.Equal(new[] { "img/logo.png", "js/app.js" }, kept.Select(r => r.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
            Assert.All(kept, r => Assert.Equal(PublishAction.Skipped, r.Action));
            Assert.Equal(new[] { "css/site.css", "img/logo.png", "js/app.js" }, Published());
            var summary = new PublishSummary("out", toStore: false);
            foreach (var result in results) summary.Add(result);
            Assert.StartsWith("Deleted 0 of 2, wrote 1", summary.ToString());
        }

        [Fact]
        public void A_dry_run_writes_nothing_even_when_the_host_approves_every_change()
        {
            PublishFresh(Discover());
            Tree.Write("src/css/site.css", "body{color:red}");
            Tree.Write("src/fonts/new.woff2", "font");
            File.Delete(Tree.PathOf("src/img/logo.png"));
            var before = Published();

            var plan = PublishFresh(Discover(), delete: true, whatIf: true);

            Assert.Equal(before, Published());
            Assert.Equal(new[] { "css/site.css", "fonts/new.woff2", "img/logo.png" },
                plan.Where(r => r.WhatIf).Select(r => r.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(PublishAction.Deleted, plan.Single(r => r.RelativePath == "img/logo.png").Action);
            Assert.Equal(PublishAction.Created, plan.Single(r => r.RelativePath == "fonts/new.woff2").Action);
            Assert.Empty(Host.Errors);
        }
    }

    public sealed class FolderDestinationBehaviour : PublisherBehaviour
    {
        protected override PublishResult[] Publish(IReadOnlyList<MediaFile> files, bool delete, int maxDelete, bool whatIf) =>
            Publisher.Publish(new PublishRequest(Tree.PathOf("out")) { Delete = delete, MaxDelete = maxDelete, WhatIf = whatIf }, files, Host).ToArray();

        protected override string[] Published() => Tree.Exists("out") ? Tree.Files("out") : Array.Empty<string>();
    }

    /// <summary>The store-publishing half: any store, published through StorePublisher.</summary>
    public abstract class StorePublisherBehaviour : PublisherBehaviour
    {
        private IMediaStore? _store;

        protected abstract IMediaStore CreateStore();

        protected IMediaStore Store => _store ??= CreateStore();

        protected override PublishResult[] Publish(IReadOnlyList<MediaFile> files, bool delete, int maxDelete, bool whatIf) =>
            Publisher.Publish(new PublishRequest { Delete = delete, MaxDelete = maxDelete, MaxDeletePercent = 100, WhatIf = whatIf }, files, Store, Host).ToArray();

        protected override string[] Published() => Store.List(CancellationToken.None).Select(o => o.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();
    }

    public sealed class FolderStoreBehaviour : StorePublisherBehaviour
    {
        protected override IMediaStore CreateStore() => new FolderStore(Tree.PathOf("store"));
    }

    public sealed class ScriptStoreBehaviour : StorePublisherBehaviour
    {
        protected override IMediaStore CreateStore() => new ScriptLikeBackend().Store();
    }

    [Collection("ceph")]
    public sealed class S3StoreBehaviour : StorePublisherBehaviour
    {
        private readonly CephGateway _ceph;

        public S3StoreBehaviour(CephGateway ceph) => _ceph = ceph;

        protected override IMediaStore CreateStore() => _ceph.NewStore();

        public override void Dispose()
        {
            (Store as IDisposable)?.Dispose();
            base.Dispose();
        }
    }

    [Collection("ceph")]
    public sealed class AzureBlobStoreBehaviour : StorePublisherBehaviour
    {
        private readonly AzuriteServer _azurite;

        public AzureBlobStoreBehaviour(AzuriteServer azurite) => _azurite = azurite;

        protected override IMediaStore CreateStore() => _azurite.NewStore();
    }

    [Collection("ceph")]
    public sealed class SwiftStoreBehaviour : StorePublisherBehaviour
    {
        private readonly CephGateway _ceph;

        public SwiftStoreBehaviour(CephGateway ceph) => _ceph = ceph;

        protected override IMediaStore CreateStore() => _ceph.NewSwiftStore();

        public override void Dispose()
        {
            (Store as IDisposable)?.Dispose();
            base.Dispose();
        }
    }
}
