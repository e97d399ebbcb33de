using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using MediaSync.Content;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    [Collection("ceph")]
    public sealed class SwiftStoreConformance : StoreConformance
    {
        private readonly CephGateway _ceph;
        public SwiftStoreConformance(CephGateway ceph) => _ceph = ceph;
        protected override IMediaStore CreateStore() => _ceph.NewSwiftStore();
    }

    [Collection("ceph")]
    public sealed class SwiftPrefixedStoreConformance : StoreConformance
    {
        private readonly CephGateway _ceph;
        public SwiftPrefixedStoreConformance(CephGateway ceph) => _ceph = ceph;
        protected override IMediaStore CreateStore() => _ceph.NewSwiftStore(prefix: "site/static");
    }

    /// <summary>The same store signed in through Keystone v3, whose catalog gives the gateway's Swift URL.</summary>
    [Collection("ceph")]
    public sealed class SwiftKeystoneStoreConformance : StoreConformance
    {
        private readonly KeystoneServer _keystone;
        public SwiftKeystoneStoreConformance(KeystoneServer keystone) => _keystone = keystone;
        protected override IMediaStore CreateStore() => _keystone.NewSwiftStore();
    }

    /// <summary>The Swift API of the same Ceph RGW the S3 tests use.</summary>
    [Collection("ceph")]
    public sealed class SwiftStoreTests : IDisposable
    {
        private static readonly HttpClient Http = new HttpClient();
        private readonly CephGateway _ceph;
        private readonly TempTree _tree = new TempTree();

        private readonly KeystoneServer _keystone;

        public SwiftStoreTests(CephGateway ceph, KeystoneServer keystone) => (_ceph, _keystone) = (ceph, keystone);

        public void Dispose() => _tree.Dispose();

        [Fact]
        public void A_site_syncs_then_a_rerun_needs_no_head_and_drift_is_fixed_with_post()
        {
            _tree.Write("src/css/site.css", "body{}");
            _tree.Write("src/index.html", "<p>");
            var files = TestMedia.Discover(_tree.PathOf("src"));
            using var store = _ceph.NewSwiftStore();

            Assert.All(TestMedia.Publish(store, files), r => Assert.Equal(PublishReason.New, r.Reason));
            Assert.All(TestMedia.Publish(store, files), r => Assert.Equal(PublishReason.Unchanged, r.Reason));
            Assert.All(store.List(CancellationToken.None), o => Assert.NotNull(o.HeadersDigest));   // remembered: no HEAD needed
            var rule = new PublishRequest();
            rule.Headers.Rules.Add(new HeaderRule("*.html", new Dictionary<string, string> { ["Cache-Control"] = "no-cache" }));
            Assert.Equal(PublishReason.HeadersChanged, TestMedia.Publish(store, files, rule).Single(r => r.RelativePath == "index.html").Reason);

            var page = Http.Send(new HttpRequestMessage(HttpMethod.Get, store.UrlFor("index.html")));
            Assert.Equal("no-cache", page.Headers.CacheControl!.ToString());
            Assert.Equal("<p>", new System.IO.StreamReader(page.Content.ReadAsStream()).ReadToEnd());
            Assert.Equal("text/css; charset=utf-8", Http.Send(new HttpRequestMessage(HttpMethod.Get, store.UrlFor("css/site.css"))).Content.Headers.ContentType!.ToString());
        }

        [Fact]
        public void Large_objects_go_up_as_static_large_objects_and_then_sync_as_unchanged()
        {
            var big = new byte[(3 << 20) + 17];
            new Random(9).NextBytes(big);
            System.IO.File.WriteAllBytes(_tree.PathOf("big.bin"), big);
            var files = new[] { new MediaFile("big.bin", _tree.PathOf("big.bin"), MediaFile.ProjectSource, _tree.Root, new FileContent(_tree.PathOf("big.bin"), big.Length), TempTree.BaseTime) };
            using var store = _ceph.NewSwiftStore(configure: o => { o.SegmentThreshold = 1 << 20; o.SegmentSize = 1 << 20; });

            Assert.Equal(PublishReason.New, TestMedia.Publish(store, files).Single().Reason);
            Assert.Equal(PublishReason.Unchanged, TestMedia.Publish(store, files, new PublishRequest { Checksum = true }).Single().Reason);
            var stream = new System.IO.MemoryStream();
            Http.Send(new HttpRequestMessage(HttpMethod.Get, store.UrlFor("big.bin"))).Content.ReadAsStream().CopyTo(stream);
            var body = stream.ToArray();
            Assert.Equal(TestMedia.Md5(big), TestMedia.Md5(body));
            Assert.Equal(new[] { "big.bin" }, store.List(CancellationToken.None).Select(o => o.Key));   // segments are MediaSync's own
            store.Delete(new[] { "big.bin" }, CancellationToken.None);
            Assert.Empty(store.List(CancellationToken.None));
        }

        [Fact]
        public void A_listing_longer_than_the_servers_page_finds_every_object()
        {
            using var store = _ceph.NewSwiftStore(prefix: "many");
            System.Threading.Tasks.Parallel.For(0, 1010, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                store.Put(new StorePut($"f/{i:D4}.txt", new MemoryContent(bytes), TestMedia.Md5(bytes), new Dictionary<string, string>()), CancellationToken.None);
            });
            var listed = store.List(CancellationToken.None).ToList();
            Assert.Equal(1010, listed.Count);   // Ceph RGW caps a page at 1,000 whatever the limit asked
            Assert.Equal("f/1009.txt", listed.Last().Key);
        }

        [Fact]
        public void A_wrong_key_is_a_clear_error_without_the_key_in_it()
        {
            var wrong = new SwiftStore(new SwiftStoreOptions { AuthUrl = _ceph.SwiftAuthUrl, UserName = _ceph.SwiftUser, Password = "not-the-key-9f2c", Container = "x" });
            var error = Assert.ThrowsAny<Exception>(() => wrong.List(CancellationToken.None).ToList());
            Assert.Contains("401", Errors.StoreListFailed(wrong.Name, error).Message);
            Assert.DoesNotContain("not-the-key-9f2c", error.ToString());
        }

        [Fact]
        public void Keystone_sign_in_finds_the_storage_url_in_the_catalog_and_a_wrong_password_or_region_is_a_clear_error()
        {
            _tree.Write("src/a.css", "a{}");
            using var store = _keystone.NewSwiftStore();
            Assert.Equal(PublishReason.New, TestMedia.Publish(store, TestMedia.Discover(_tree.PathOf("src"))).Single().Reason);
            Assert.Equal("a{}", new System.IO.StreamReader(Http.Send(new HttpRequestMessage(HttpMethod.Get, store.UrlFor("a.css"))).Content.ReadAsStream()).ReadToEnd());
            Assert.StartsWith("http://127.0.0.1:7490/swift/v1/", store.UrlFor("a.css").AbsoluteUri);

            var wrong = new SwiftStore(new SwiftStoreOptions { AuthUrl = _keystone.AuthUrl, UserName = _keystone.User, Password = "not-the-password-4d1e", ProjectName = _keystone.Project, Container = "x" });
            var refused = Assert.ThrowsAny<Exception>(() => wrong.List(CancellationToken.None).ToList());
            Assert.Contains("401", Errors.StoreListFailed(wrong.Name, refused).Message);
            Assert.DoesNotContain("not-the-password-4d1e", refused.ToString());

            var elsewhere = new SwiftStore(new SwiftStoreOptions { AuthUrl = _keystone.AuthUrl, UserName = _keystone.User, Password = _keystone.Password, ProjectName = _keystone.Project, Region = "Mars", Container = "x" });
            Assert.Contains("no public object-store endpoint in Mars", Assert.ThrowsAny<Exception>(() => elsewhere.List(CancellationToken.None).ToList()).Message);
        }
    }
}
