using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MediaSync.Content;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    [Collection("ceph")]
    public sealed class AzureBlobStoreConformance : StoreConformance
    {
        private readonly AzuriteServer _azurite;
        public AzureBlobStoreConformance(AzuriteServer azurite) => _azurite = azurite;
        protected override IMediaStore CreateStore() => _azurite.NewStore();
    }

    [Collection("ceph")]
    public sealed class AzureBlobPrefixedStoreConformance : StoreConformance
    {
        private readonly AzuriteServer _azurite;
        public AzureBlobPrefixedStoreConformance(AzuriteServer azurite) => _azurite = azurite;
        protected override IMediaStore CreateStore() => _azurite.NewStore(prefix: "site/static");
    }

    /// <summary>What a browser gets from Azurite, and what a sync costs there.</summary>
    [Collection("ceph")]
    public sealed class AzureBlobStoreTests : IDisposable
    {
        private static readonly HttpClient Http = new HttpClient();
        private readonly AzuriteServer _azurite;
        private readonly TempTree _tree = new TempTree();

        public AzureBlobStoreTests(AzuriteServer azurite) => _azurite = azurite;

        public void Dispose() => _tree.Dispose();

        [Fact]
        public void A_site_syncs_then_a_rerun_is_the_listing_alone_and_drift_is_fixed_without_an_upload()
        {
            _tree.Write("src/css/site.css", "body{}");
            _tree.Write("src/index.html", "<p>");
            var files = TestMedia.Discover(_tree.PathOf("src"));
            var store = _azurite.NewStore();

            Assert.All(TestMedia.Publish(store, files), r => Assert.Equal(PublishReason.New, r.Reason));
            Assert.All(TestMedia.Publish(store, files), r => Assert.Equal(PublishReason.Unchanged, r.Reason));
            var rule = new PublishRequest();
            rule.Headers.Rules.Add(new HeaderRule("*.html", new Dictionary<string, string> { ["Cache-Control"] = "no-cache" }));
            var fixedHeaders = TestMedia.Publish(store, files, rule);
            Assert.Equal((PublishAction.Updated, PublishReason.HeadersChanged), fixedHeaders.Where(r => r.RelativePath == "index.html").Select(r => (r.Action, r.Reason)).Single());
            var page = store.List(CancellationToken.None).Single(o => o.Key == "index.html");
            Assert.Equal("no-cache", page.Headers["Cache-Control"]);
            Assert.Equal(TestMedia.Md5(System.Text.Encoding.UTF8.GetBytes("<p>")), page.Md5);   // Content-MD5 kept through SetHttpHeaders

            var response = Http.Send(new HttpRequestMessage(HttpMethod.Get, store.UrlFor("css/site.css")));
            Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("body{}", new System.IO.StreamReader(response.Content.ReadAsStream()).ReadToEnd());
        }

        [Fact]
        public void A_header_the_container_cannot_keep_is_refused_before_anything_is_uploaded()
        {
            _tree.Write("src/a.css", "a{}");
            var store = _azurite.NewStore();
            var request = new PublishRequest();
            request.Headers.Rules.Add(new HeaderRule("*", new Dictionary<string, string> { ["X-Robots-Tag"] = "noindex" }));
            var error = Assert.Throws<MediaSyncException>(() => TestMedia.Publish(store, TestMedia.Discover(_tree.PathOf("src")), request));
            Assert.Equal("MediaSync.HeaderNotKept", error.Error.Id);
            Assert.Empty(store.List(CancellationToken.None));
        }

        [Fact]
        public void A_name_azure_cannot_hold_fails_with_its_reason_and_the_rest_publishes_with_deletes_held_back()
        {
            _tree.Write("src/a.css", "a{}");
            _tree.Write("src/ctl-\u0001.css", "x{}");
            _tree.Write("src/trailing.", "x{}");
            var store = _azurite.NewStore();
            store.Put(new StorePut("orphan.css", new MemoryContent(new byte[] { 1 }), TestMedia.Md5(new byte[] { 1 }), new Dictionary<string, string>()), CancellationToken.None);
            var host = new RecordingHost();

            var results = Publisher.Publish(new PublishRequest { Delete = true }, TestMedia.Discover(_tree.PathOf("src")), store, host).ToList();

            Assert.Equal(new[] { "a.css" }, results.Where(r => r.Action == PublishAction.Created).Select(r => r.RelativePath));
            var refused = host.Errors.Where(e => e.Id == "MediaSync.KeyNotStorable").ToList();
            Assert.Equal(2, refused.Count);
            Assert.Contains(refused, e => e.Message.Contains("control characters, and this one holds U+0001"));
            Assert.Contains(refused, e => e.Message.Contains("drops a '.'"));
            Assert.Contains(host.Errors, e => e.Id == "MediaSync.DeleteSkippedAfterFailures");
            Assert.Equal(new[] { "a.css", "orphan.css" }, store.List(CancellationToken.None).Select(o => o.Key));   // still listable
        }

        [Fact]
        public void Large_blobs_go_up_as_staged_blocks_and_then_sync_as_unchanged()
        {
            var big = new byte[3 << 20];
            new Random(7).NextBytes(big);
            System.IO.File.WriteAllBytes(_tree.PathOf("big.bin"), big);
            var files = new[] { new MediaFile("big.bin", _tree.PathOf("big.bin"), MediaFile.ProjectSource, _tree.Root, new FileContent(_tree.PathOf("big.bin"), big.Length), TempTree.BaseTime) };
            var store = _azurite.NewStore(configure: o => { o.BlockThreshold = 1 << 20; o.BlockSize = 1 << 20; });

            Assert.Equal(PublishReason.New, TestMedia.Publish(store, files).Single().Reason);
            Assert.Equal(TestMedia.Md5(big), store.List(CancellationToken.None).Single().Md5);
            Assert.Equal(PublishReason.Unchanged, TestMedia.Publish(store, files).Single().Reason);
        }

        [Fact]
        public void Hundreds_of_deletes_go_in_blob_batches_of_256_and_a_missing_key_is_no_error()
        {
            var store = _azurite.NewStore(prefix: "site");
            var keys = PutMany(store, 300);
            store.Delete(keys.Concat(new[] { "never-there.css" }).ToList(), CancellationToken.None);
            Assert.Empty(store.List(CancellationToken.None));
            Assert.Equal(2, store.DeleteBatchesSent);
        }

        [Fact]
        public void A_sas_url_store_deletes_in_batches_too()
        {
            var owner = _azurite.NewStore();
            var keys = PutMany(owner, 5);
            var sas = new Azure.Storage.Blobs.BlobContainerClient(_azurite.ConnectionString, ContainerOf(owner))
                .GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1));
            var store = new AzureBlobStore(new AzureBlobStoreOptions { SasUrl = sas.AbsoluteUri });
            store.Delete(keys, CancellationToken.None);
            Assert.Empty(owner.List(CancellationToken.None));
            Assert.Equal(1, store.DeleteBatchesSent);
        }

        [Fact]
        public void When_every_batch_fails_the_blobs_are_deleted_one_by_one_and_none_is_left()
        {
            var owner = _azurite.NewStore();
            var keys = PutMany(owner, 20);
            using var proxy = new FaultyProxy(_azurite.Endpoint!.Replace("/devstoreaccount1", ""),
                (_, method, path) => path.Contains("comp=batch") ? ProxyFault.InternalError : ProxyFault.None);
            var store = new AzureBlobStore(new AzureBlobStoreOptions
            {
                Container = ContainerOf(owner), MaxRetries = 1,
                ConnectionString = _azurite.ConnectionString.Replace(_azurite.Endpoint!, proxy.Endpoint + "/devstoreaccount1"),
            });
            store.Delete(keys, CancellationToken.None);
            Assert.Empty(owner.List(CancellationToken.None));
            Assert.Equal(0, store.DeleteBatchesSent);
            Assert.Equal(2, proxy.Requests.Count(r => r.Contains("comp=batch")));
            Assert.Equal(20, proxy.Requests.Count(r => r.StartsWith("DELETE ", StringComparison.Ordinal)));
        }

        private static List<string> PutMany(AzureBlobStore store, int count)
        {
            var keys = Enumerable.Range(0, count).Select(i => $"css/{i % 7}/file {i}.css").ToList();
            Parallel.ForEach(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, key =>
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(key);
                store.Put(new StorePut(key, new MemoryContent(bytes), TestMedia.Md5(bytes), new Dictionary<string, string>()), CancellationToken.None);
            });
            Assert.Equal(count, store.List(CancellationToken.None).Count());
            return keys;
        }

        private static string ContainerOf(AzureBlobStore store) => store.Name.Split('/')[3];

        [Fact]
        public void A_connection_string_or_sas_never_shows_in_the_name_or_in_errors()
        {
            var store = _azurite.NewStore();
            Assert.DoesNotContain("AccountKey", store.Name);
            var wrong = new AzureBlobStore(new AzureBlobStoreOptions
            {
                Container = "nope", ConnectionString = _azurite.ConnectionString.Replace("AccountKey=", "AccountKey=AAAA"),
            });
            var error = Assert.ThrowsAny<Exception>(() => wrong.List(CancellationToken.None).ToList());
            Assert.DoesNotContain("Eby8vdM02x", error.ToString());
        }
    }
}
