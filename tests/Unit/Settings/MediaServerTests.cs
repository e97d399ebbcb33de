using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Tests.Support;
using MediaSync.Web;
using Xunit;

namespace MediaSync.Tests.Settings
{
    /// <summary>The development server over real HTTP on a free loopback port.</summary>
    public sealed class MediaServerTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();
        private readonly MediaServer _server;
        private readonly HttpClient _http = new HttpClient();

        public MediaServerTests()
        {
            _tree.Write("site/media/css/site.css", "body{color:red}");
            _tree.Write("site/media/css/reset.css", "*{margin:0}");
            _tree.Write("site/apps/blog/media/css/site.css", "app loses");
            _tree.Write("site/apps/blog/media/blog/post.js", "post()");
            _tree.Write("site/apps/blog/media/.hidden.css", "hidden");
            _tree.Write("outside/secret.txt", "secret");
            var sources = MediaDiscovery.ResolveSources(new MediaDiscoveryRequest { Roots = { _tree.PathOf("site/media") }, Apps = { _tree.PathOf("site/apps/blog") } },
                new RecordingHost(), new System.Collections.Generic.List<string>());
            var bundles = new[] { new BundleDefinition("css/all.css", new[] { "css/reset.css", "css/site.css" }) };
            _server = MediaServer.Start(new MergedMediaView(sources, bundles, _ => { }), new MediaServerOptions { Port = FreePort(), DirectoryListing = true });
        }

        public void Dispose()
        {
            _server.Dispose();
            _http.Dispose();
            _tree.Dispose();
        }

        internal static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private HttpResponseMessage Get(string path, Action<HttpRequestMessage>? change = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, _server.Url.AbsoluteUri.TrimEnd('/') + path);
            change?.Invoke(request);
            return _http.SendAsync(request).GetAwaiter().GetResult();
        }

        private static string Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

        /// <summary>A raw request line, so no client tidies the path before it is sent.</summary>
        private int RawStatus(string path)
        {
            using var client = new TcpClient("127.0.0.1", _server.Url.Port);
            using var stream = client.GetStream();
            var request = System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            stream.Write(request, 0, request.Length);
            var reply = new StreamReader(stream).ReadLine() ?? "";
            return int.Parse(reply.Split(' ')[1]);
        }

        [Fact]
        public void A_project_file_overrides_the_app_file_and_app_files_are_served_too()
        {
            var response = Get("/css/site.css");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("body{color:red}", Body(response));
            Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("post()", Body(Get("/blog/post.js")));
            Assert.Equal(HttpStatusCode.NotFound, Get("/css/missing.css").StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, Get("/.hidden.css").StatusCode);
        }

        [Fact]
        public void ETag_and_Last_Modified_give_304_and_a_changed_file_is_served_fresh()
        {
            var first = Get("/css/reset.css");
            var etag = first.Headers.ETag!.Tag;
            Assert.NotNull(first.Content.Headers.LastModified);
            Assert.Equal(HttpStatusCode.NotModified, Get("/css/reset.css", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag)).StatusCode);
            Assert.Equal(HttpStatusCode.NotModified, Get("/css/reset.css", r => r.Headers.IfModifiedSince = first.Content.Headers.LastModified).StatusCode);

            _tree.Write("site/media/css/reset.css", "*{margin:1px}", minutes: 5);
            var changed = Get("/css/reset.css", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal("*{margin:1px}", Body(changed));
        }

        [Fact]
        public void A_bundle_is_served_joined_at_its_key()
        {
            var response = Get("/css/all.css");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = Body(response);
            Assert.Contains("*{margin:0}", text);
            Assert.Contains("body{color:red}", text);
            Assert.True(text.IndexOf("*{margin:0}", StringComparison.Ordinal) < text.IndexOf("body{color:red}", StringComparison.Ordinal));
        }

        [Fact]
        public void A_listing_shows_the_merged_folder()
        {
            var root = Body(Get("/"));
            Assert.Contains("css/", root);
            Assert.Contains("blog/", root);
            Assert.DoesNotContain(".hidden.css", root);
            var css = Body(Get("/css/"));
            Assert.Contains("site.css", css);
            Assert.Contains("all.css", css);
        }

        [Theory]
        [InlineData("/../outside/secret.txt")]
        [InlineData("/%2e%2e/%2e%2e/outside/secret.txt")]
        [InlineData("/css/..%2f..%2f..%2foutside/secret.txt")]
        [InlineData("/..%5c..%5coutside%5csecret.txt")]
        [InlineData("/css\\..\\..\\..\\outside\\secret.txt")]
        [InlineData("//etc/passwd")]
        [InlineData("/C:/Windows/win.ini")]
        public void Traversal_is_refused(string path)
        {
            var status = RawStatus(path);
            Assert.True(status == 400 || status == 404, $"{path} gave {status}");
        }

        [Fact]
        public void A_link_that_points_outside_the_roots_is_not_served()
        {
            File.CreateSymbolicLink(_tree.PathOf("site/media/css/leak.txt"), _tree.PathOf("outside/secret.txt"));
            Directory.CreateSymbolicLink(_tree.PathOf("site/media/out"), _tree.PathOf("outside"));
            Assert.Equal(HttpStatusCode.NotFound, Get("/css/leak.txt").StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, Get("/out/secret.txt").StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, Get("/out/").StatusCode);
        }

        [Fact]
        public void It_stops_and_frees_its_port()
        {
            Assert.Equal(HttpStatusCode.OK, Get("/css/site.css").StatusCode);
            _server.Dispose();
            Assert.ThrowsAny<Exception>(() => Get("/css/site.css"));
            var again = new TcpListener(IPAddress.Loopback, _server.Url.Port);
            again.Start();
            again.Stop();
        }
    }
}
