using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using MediaSync.Content;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    [Collection("ceph")]
    public sealed class S3StoreConformance : StoreConformance
    {
        private readonly CephGateway _ceph;
        public S3StoreConformance(CephGateway ceph) => _ceph = ceph;
        protected override IMediaStore CreateStore() => _ceph.NewStore();
    }

    [Collection("ceph")]
    public sealed class S3PrefixedStoreConformance : StoreConformance
    {
        private readonly CephGateway _ceph;
        public S3PrefixedStoreConformance(CephGateway ceph) => _ceph = ceph;
        protected override IMediaStore CreateStore() => _ceph.NewStore(prefix: "site/static");
    }

    /// <summary>What a browser gets: raw headers of a plain HTTP GET (the SDK hides aws-chunked on HEAD).</summary>
    [Collection("ceph")]
    public sealed class S3RawHeaderTests
    {
        private readonly CephGateway _ceph;
        public S3RawHeaderTests(CephGateway ceph) => _ceph = ceph;

        private static readonly HttpClient Http = new HttpClient();

        private static HttpResponseMessage Get(S3Store store, string key) =>
            Http.Send(new HttpRequestMessage(HttpMethod.Get, store.PresignedGetUrl(key)));

        [Fact]
        public async System.Threading.Tasks.Task Uploaded_headers_arrive_exactly_with_no_aws_chunked_and_the_body_intact()
        {
            using var store = _ceph.NewStore();
            var gz = MediaSync.Processing.MediaCompression.GzipBytes(Encoding.UTF8.GetBytes(new string('a', 5000)));
            var headers = new Dictionary<string, string>
            {
                ["Content-Type"] = "text/css; charset=utf-8",
                ["Content-Encoding"] = "gzip",
                ["Cache-Control"] = "public, max-age=31536000",
                ["Expires"] = "Tue, 22 Dec 2026 12:00:00 GMT",
            };
            store.Put(new StorePut("css/site.css.gz", new MemoryContent(gz), TestMedia.Md5(gz), headers), CancellationToken.None);

            using var response = Get(store, "css/site.css.gz");

            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
            Assert.Equal("gzip", string.Join(",", response.Content.Headers.ContentEncoding));
            Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("public, max-age=31536000", response.Headers.CacheControl!.ToString());
            Assert.Equal("Tue, 22 Dec 2026 12:00:00 GMT", response.Content.Headers.GetValues("Expires").Single());
            Assert.Equal(gz, await response.Content.ReadAsByteArrayAsync());
        }

        [Fact]
        public void A_header_update_changes_headers_without_a_new_upload()
        {
            using var store = _ceph.NewStore();
            var bytes = Encoding.UTF8.GetBytes("<html></html>");
            store.Put(new StorePut("index.html", new MemoryContent(bytes), TestMedia.Md5(bytes),
                new Dictionary<string, string> { ["Content-Type"] = "text/html; charset=utf-8", ["Cache-Control"] = "public, max-age=600" }), CancellationToken.None);
            var before = store.List(CancellationToken.None).Single();

            store.UpdateHeaders("index.html", new Dictionary<string, string> { ["Content-Type"] = "text/html; charset=utf-8", ["Cache-Control"] = "no-cache" }, CancellationToken.None);

            using var response = Get(store, "index.html");
            Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
            var after = store.List(CancellationToken.None).Single();
            Assert.Equal(before.Md5, after.Md5);
            Assert.Equal(TestMedia.Md5(bytes), after.Md5);
        }

        [Fact]
        public void A_wrong_secret_fails_without_the_secret_in_any_message()
        {
            const string canary = "CANARY-secret-9f3b7c1e-do-not-print";
            using var store = _ceph.NewStore(secretKey: canary);

            var error = Assert.ThrowsAny<Exception>(() => store.List(CancellationToken.None).ToList());

            for (var e = error; e != null; e = e.InnerException)
            {
                Assert.DoesNotContain(canary, e.Message);
                Assert.DoesNotContain(canary, e.ToString());
            }
        }

        [Fact]
        public void Public_urls_follow_the_endpoint_style()
        {
            var store = new S3Store(new S3StoreOptions { Bucket = "media", Prefix = "static", EndpointUrl = "http://127.0.0.1:7490", ForcePathStyle = true });
            Assert.Equal("http://127.0.0.1:7490/media/static/css/a%20b.css", store.UrlFor("css/a b.css").AbsoluteUri);
            var cdn = new S3Store(new S3StoreOptions { Bucket = "media", Prefix = "static", PublicBaseUrl = "https://cdn.example.com/" });
            Assert.Equal("https://cdn.example.com/css/x.css", cdn.UrlFor("css/x.css").AbsoluteUri);
            var aws = new S3Store(new S3StoreOptions { Bucket = "media", Region = "eu-west-1" });
            Assert.Equal("https://media.s3.eu-west-1.amazonaws.com/a.js", aws.UrlFor("a.js").AbsoluteUri);
        }
    }
}
