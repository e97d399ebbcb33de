using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Reporting;
using MediaSync.Settings;
using MediaSync.Tests.Support;
using MediaSync.Web;
using Xunit;

namespace MediaSync.Tests.Web
{
    /// <summary>Accept-Encoding as RFC 9110 reads it, the twin a URL names, and the modulepreload graph of a tag.</summary>
    public sealed class NegotiationTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        private const string Sri = "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb";

        [Theory]
        [InlineData("gzip, deflate, br", "br")]
        [InlineData("gzip, deflate, br;q=1", "br")]
        [InlineData("br;q=0, gzip", "gzip")]
        [InlineData("BR;Q=0.5, gzip;q=0.8", "gzip")]
        [InlineData("gzip;q=0.5, br;q=0.5", "br")]        // a tie goes to the server's preference
        [InlineData("*", "br")]
        [InlineData("*;q=0.1, br;q=0", "gzip")]
        [InlineData("x-gzip", "gzip")]
        [InlineData("identity", null)]
        [InlineData("", null)]
        [InlineData("br;q=0, gzip;q=0", null)]
        [InlineData("identity;q=1, gzip;q=0.5", null)]  // identity rated higher keeps the original
        [InlineData("gzip;q=abc, br;q=2", null)]          // unparsable q-values are skipped
        [InlineData("deflate", null)]
        public void The_best_coding_is_chosen_by_q_value(string header, string? expected) =>
            Assert.Equal(expected, AcceptEncoding.Parse(header).Choose(AcceptEncoding.Preferred));

        [Fact]
        public void Identity_is_refused_only_by_name_or_star_zero()
        {
            Assert.Equal(1, AcceptEncoding.Parse("gzip").Quality("identity"));
            Assert.Equal(0, AcceptEncoding.Parse("gzip, *;q=0").Quality("identity"));
            Assert.Equal(0, AcceptEncoding.Parse("identity;q=0").Quality("identity"));
            Assert.Equal(0, AcceptEncoding.Parse("gzip, *;q=0").Quality("br"));
        }

        /// <summary>manifest.json by hand, in the format Export-MediaManifest writes (variants, imports).</summary>
        private MediaSyncSettings Manifest(string json, Action<MediaSyncSettings>? change = null)
        {
            var settings = SettingsReader.Defaults(_tree.Root);
            change?.Invoke(settings);
            Directory.CreateDirectory(Path.GetDirectoryName(settings.ManifestPath)!);
            File.WriteAllText(settings.ManifestPath, "{ \"version\": 1, \"files\": {" + json.Replace('\'', '"') + "} }");
            return settings;
        }

        private const string Twins =
            "'css/site.css': { 'key': 'css/site.css', 'integrity': '" + Sri + "', 'variants': { 'br': 'css/site.css.br', 'gzip': 'css/site.css.gz' } }," +
            "'css/gz.css': { 'key': 'css/gz.abc123.css', 'variants': { 'gzip': 'css/gz.abc123.css.gz' } }," +
            "'css/same.css': { 'key': 'css/same.css', 'variants': { 'br': 'css/same.css' } }," +
            "'img/a.png': { 'key': 'img/a.png' }";

        [Theory]
        [InlineData("css/site.css", "gzip, deflate, br", "/media/css/site.css.br?v=1")]
        [InlineData("css/site.css", "gzip, br;q=0", "/media/css/site.css.gz?v=1")]
        [InlineData("css/site.css", "identity", "/media/css/site.css?v=1")]
        [InlineData("css/site.css", null, "/media/css/site.css?v=1")]
        [InlineData("css/gz.css", "br, gzip", "/media/css/gz.abc123.css.gz")]   // fingerprinted: no buster on the twin either
        [InlineData("css/gz.css", "br", "/media/css/gz.abc123.css")]
        [InlineData("css/same.css", "br", "/media/css/same.css?v=1")]           // SameKey: the same URL
        [InlineData("img/a.png", "br, gzip", "/media/img/a.png?v=1")]
        public void A_url_names_the_twin_the_client_accepts(string path, string? acceptEncoding, string expected)
        {
            var urls = new MediaUrls(Manifest(Twins, s => s.CacheBuster = "v=1"));
            Assert.Equal(expected, urls.Url(path, new UrlOptions { AcceptEncoding = acceptEncoding }));
        }

        [Fact]
        public void ServeCompressed_off_ignores_the_header_and_a_tag_keeps_the_originals_integrity()
        {
            var off = new MediaUrls(Manifest(Twins, s => s.ServeCompressed = false));
            Assert.Equal("/media/css/site.css", off.Url("css/site.css", new UrlOptions { AcceptEncoding = "br" }));
            var tag = new MediaUrls(Manifest(Twins)).Tags("css/site.css", new UrlOptions { AcceptEncoding = "br" }, integrity: true).Single();
            Assert.Equal($"<link rel=\"stylesheet\" href=\"/media/css/site.css.br\" type=\"text/css\" media=\"screen, projection\" integrity=\"{Sri}\" crossorigin=\"anonymous\">", tag);
        }

        [Fact]
        public void A_twin_key_that_leaves_the_media_root_refuses_the_manifest()
        {
            var urls = Manifest("'css/site.css': { 'key': 'css/site.css', 'variants': { 'br': '../../evil.br' } }");
            Assert.Equal("MediaSync.ManifestInvalid", Assert.Throws<MediaSyncException>(() => new MediaUrls(urls)).Error.Id);
        }

        private static string Js(string name, params string[] imports) =>
            $"'js/{name}.js': {{ 'key': 'js/{name}.h.js', 'integrity': '{Sri}'" + (imports.Length == 0 ? "" : ", 'imports': [" + string.Join(",", imports.Select(i => $"'js/{i}.js'")) + "]") + " }";

        [Fact]
        public void Preload_walks_a_diamond_once_each_depth_first_in_sorted_order()
        {
            // main -> a, b; a -> shared; b -> shared, c; shared -> (none)
            var urls = new MediaUrls(Manifest(string.Join(",", Js("main", "a", "b"), Js("a", "shared"), Js("b", "c", "shared"), Js("c"), Js("shared"))));
            var tags = urls.Tags("js/main.js", new UrlOptions(), new TagOptions { Preload = true });
            Assert.Equal(new[]
            {
                "<script type=\"module\" src=\"/media/js/main.h.js\"></script>",
                "<link rel=\"modulepreload\" href=\"/media/js/a.h.js\">",
                "<link rel=\"modulepreload\" href=\"/media/js/shared.h.js\">",
                "<link rel=\"modulepreload\" href=\"/media/js/b.h.js\">",
                "<link rel=\"modulepreload\" href=\"/media/js/c.h.js\">",
            }, tags);
        }

        [Fact]
        public void Preload_ends_a_cycle_and_never_preloads_the_entry()
        {
            var urls = new MediaUrls(Manifest(string.Join(",", Js("main", "a"), Js("a", "b"), Js("b", "a", "main"))));
            Assert.Equal(new[] { "js/a.js", "js/b.js" }, urls.ImportGraph("js/main.js"));
            var tags = urls.Tags("js/main.js", new UrlOptions { AcceptEncoding = "br" }, new TagOptions { Preload = true, Integrity = true });
            Assert.Equal(3, tags.Count);
            Assert.Equal($"<link rel=\"modulepreload\" href=\"/media/js/b.h.js\" integrity=\"{Sri}\" crossorigin=\"anonymous\">", tags[2]);
        }

        [Fact]
        public void Without_Preload_or_Module_a_script_is_written_as_before()
        {
            var urls = new MediaUrls(Manifest(string.Join(",", Js("main", "a"), Js("a"))));
            Assert.Equal("<script src=\"/media/js/main.h.js\"></script>", urls.Tags("js/main.js", new UrlOptions()).Single());
            Assert.Equal("<script type=\"module\" src=\"/media/js/main.h.js\"></script>", urls.Tags("js/main.js", new UrlOptions(), new TagOptions { Module = true }).Single());
        }
    }
}
