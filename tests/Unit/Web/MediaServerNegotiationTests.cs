using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using MediaSync.Discovery;
using MediaSync.Tests.Settings;
using MediaSync.Tests.Support;
using MediaSync.Web;
using Xunit;

namespace MediaSync.Tests.Web
{
    /// <summary>The development server's Accept-Encoding negotiation, over real HTTP: twins beside the file, gzip on the fly, Vary, 304s.</summary>
    public sealed class MediaServerNegotiationTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();
        private readonly MediaServer _server;
        private readonly HttpClient _http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
        private static readonly string Css = string.Concat(Enumerable.Repeat("body{color:red}\n", 50));

        public MediaServerNegotiationTests()
        {
            _tree.Write("media/css/site.css", Css);
            File.WriteAllBytes(_tree.PathOf("media/css/site.css.br"), Compress(Css, s => new BrotliStream(s, CompressionLevel.Optimal, true)));
            File.WriteAllBytes(_tree.PathOf("media/css/site.css.gz"), Compress(Css, s => new GZipStream(s, CompressionLevel.Optimal, true)));
            _tree.Write("media/js/app.js", string.Concat(Enumerable.Repeat("console.log(1);\n", 50)));
            _tree.Write("media/img/a.png", "");
            File.WriteAllBytes(_tree.PathOf("media/img/a.png"), new byte[] { 0x89, 0x50, 0x4e, 0x47, 1, 2, 3 });
            var sources = MediaDiscovery.ResolveSources(new MediaDiscoveryRequest { Roots = { _tree.PathOf("media") } }, new RecordingHost(), new System.Collections.Generic.List<string>());
            _server = MediaServer.Start(new MergedMediaView(sources, new MediaSync.Processing.BundleDefinition[0], _ => { }), new MediaServerOptions { Port = MediaServerTests.FreePort() });
        }

        public void Dispose()
        {
            _server.Dispose();
            _http.Dispose();
            _tree.Dispose();
        }

        private static byte[] Compress(string text, Func<Stream, Stream> encoder)
        {
            var buffer = new MemoryStream();
            using (var stream = encoder(buffer)) stream.Write(Encoding.UTF8.GetBytes(text));
            return buffer.ToArray();
        }

        private HttpResponseMessage Get(string path, string? acceptEncoding, string? ifNoneMatch = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, _server.Url.AbsoluteUri.TrimEnd('/') + path);
            if (acceptEncoding != null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            if (ifNoneMatch != null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            return _http.SendAsync(request).GetAwaiter().GetResult();
        }

        private static byte[] Bytes(HttpResponseMessage response) => response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();

        private static string Decoded(HttpResponseMessage response)
        {
            var body = Bytes(response);
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
            Stream stream = new MemoryStream(body);
            if (encoding == "br") stream = new BrotliStream(stream, CompressionMode.Decompress);
            else if (encoding == "gzip") stream = new GZipStream(stream, CompressionMode.Decompress);
            else Assert.Null(encoding);
            using (var reader = new StreamReader(stream)) return reader.ReadToEnd();
        }

        [Theory]
        [InlineData("/css/site.css", "gzip, deflate, br", "br")]       // the twin beside the file
        [InlineData("/css/site.css", "gzip, br;q=0", "gzip")]
        [InlineData("/css/site.css", null, null)]
        [InlineData("/css/site.css", "identity", null)]
        [InlineData("/js/app.js", "br, gzip", "gzip")]                 // no twin: text is gzipped on the fly
        public void The_best_encoding_is_sent_with_Vary_and_decodes_to_the_original(string path, string? acceptEncoding, string? expected)
        {
            using (var response = Get(path, acceptEncoding))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
                Assert.Contains("Accept-Encoding", response.Headers.Vary);
                Assert.Equal("text/" + (path.EndsWith(".css") ? "css" : "javascript"), response.Content.Headers.ContentType!.MediaType);
                Assert.Equal(File.ReadAllText(_tree.PathOf("media" + path)), Decoded(response));
            }
        }

        [Fact]
        public void Keys_are_served_under_the_MediaUrl_path_too_so_a_page_rendered_with_Get_MediaUrl_works()
        {
            var settings = new MediaSync.Settings.MediaSyncSettings { MediaUrl = "/static/" };
            settings.Roots.Add(_tree.PathOf("media"));
            using (var server = MediaServer.Start(settings, new MediaServerOptions { Port = MediaServerTests.FreePort() }, new RecordingHost()))
            {
                string Fetch(string path, out string? encoding)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, server.Url.AbsoluteUri.TrimEnd('/') + path);
                    request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
                    var response = _http.SendAsync(request).GetAwaiter().GetResult();
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
                    return Decoded(response);
                }
                Assert.Equal(Css, Fetch("/static/css/site.css", out var underPrefix));
                Assert.Equal("br", underPrefix); // the twin beside the file is found under the prefix as well
                Assert.Equal(Css, Fetch("/css/site.css", out _));
            }
            Assert.Equal("static/", MediaServerOptions.PathOf("https://cdn.example/static/?v=1"));
            Assert.Equal("", MediaServerOptions.PathOf("/"));
        }

        [Fact]
        public void An_image_is_never_compressed_nor_varied_and_a_twin_asked_for_by_name_is_sent_as_it_is()
        {
            using (var png = Get("/img/a.png", "gzip, br"))
            {
                Assert.Empty(png.Content.Headers.ContentEncoding);
                Assert.Empty(png.Headers.Vary);
            }
            using (var twin = Get("/css/site.css.br", "gzip, br"))
            {
                Assert.Empty(twin.Content.Headers.ContentEncoding);
                Assert.Equal(File.ReadAllBytes(_tree.PathOf("media/css/site.css.br")), Bytes(twin));
            }
        }

        [Fact]
        public void Each_encoding_has_its_own_ETag_and_304s_hold_per_encoding()
        {
            var tags = new[] { "br", "gzip", "identity" }.Select(e => { using (var r = Get("/css/site.css", e)) return r.Headers.ETag!.Tag; }).ToList();
            Assert.Equal(3, tags.Distinct().Count());
            using (var again = Get("/css/site.css", "br", tags[0]))
            {
                Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
                Assert.Contains("Accept-Encoding", again.Headers.Vary);
            }
            using (var other = Get("/css/site.css", "gzip", tags[0])) Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            using (var live = Get("/js/app.js", "gzip"))
            using (var repeat = Get("/js/app.js", "gzip", live.Headers.ETag!.Tag)) Assert.Equal(HttpStatusCode.NotModified, repeat.StatusCode);
        }
    }
}
