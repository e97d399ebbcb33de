using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Settings;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using MediaSync.Web;
using Xunit;

namespace MediaSync.Tests.Settings
{
    /// <summary>URLs and tags as the ancestor rendered them, from a real manifest.json and the settings.</summary>
    public sealed class MediaUrlsTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        private MediaSyncSettings Settings(Action<MediaSyncSettings>? change = null)
        {
            var settings = SettingsReader.Defaults(_tree.Root);
            settings.Bundles["styles/joined.css"] = new List<string> { "styles/reset.css", "styles/site.css" };
            change?.Invoke(settings);
            return settings;
        }

        /// <summary>Writes manifest.json as Export-MediaManifest does, for files with these keys (fingerprinted ones are renamed).</summary>
        private void Manifest(MediaSyncSettings settings, bool fingerprint)
        {
            var files = new[] { "styles/reset.css", "styles/site.css", "js/app.js", "images/stuff.png" }
                .Select(key => TestMedia.InMemory(key, "/* " + key + " */", TempTree.BaseTime)).ToList();
            var bundle = new MediaFile("styles/joined.css", "joined", "(bundle)", _tree.Root, new MemoryContent(new byte[] { 1, 2 }), TempTree.BaseTime)
            {
                Members = new[] { "styles/reset.css", "styles/site.css" },
            };
            files.Add(bundle);
            if (fingerprint) files = MediaFingerprinting.Fingerprint(files, null, new RecordingHost()).ToList();
            MediaManifest.Export(settings.ManifestPath, files, write: true);
        }

        private static UrlOptions Local => new UrlOptions();
        private static UrlOptions Remote => new UrlOptions { Remote = true };

        [Fact]
        public void The_local_url_follows_MediaUrl_and_the_remote_one_the_public_base()
        {
            var settings = Settings(s => s.PublicBaseUrl = "http://cdn.example.test/site/");
            var urls = new MediaUrls(settings);

            Assert.Equal("/media/images/stuff.png", urls.Url("images/stuff.png", Local));
            Assert.Equal("//cdn.example.test/site/images/stuff.png", urls.Url("images/stuff.png", Remote));
            Assert.Equal("https://cdn.example.test/site/images/stuff.png", urls.Url("images/stuff.png", new UrlOptions { Remote = true, UseSsl = true }));
            Assert.Equal("http://cdn.example.test/site/images/stuff.png", urls.Url("images/stuff.png", new UrlOptions { Remote = true, RequestIsSecure = false }));
            Assert.Equal("https://cdn.example.test/site/images/stuff.png", urls.Url("images/stuff.png", new UrlOptions { Remote = true, RequestIsSecure = true }));
            Assert.Equal("/media/a%20b.png", urls.Url("a b.png", Local));
            settings.ServeRemote = true;
            settings.UseSsl = true;
            Assert.Equal("https://cdn.example.test/site/images/stuff.png", new MediaUrls(settings).Url("images/stuff.png", Local));
        }

        [Fact]
        public void Without_a_base_url_the_remote_url_is_the_stores_own()
        {
            var settings = Settings();
            var urls = new MediaUrls(settings, () => new PublicUrlFolder(_tree.Root, new Uri("https://bucket.s3.example.test/")));
            Assert.Equal("//bucket.s3.example.test/images/stuff.png", urls.Url("images/stuff.png", Remote));
            Assert.Equal("MediaSync.NoPublicUrl", Assert.Throws<MediaSyncException>(() => new MediaUrls(settings).Url("a.png", Remote)).Error.Id);
        }

        [Fact]
        public void A_cache_buster_is_a_value_or_a_function_of_the_url_and_a_fingerprinted_key_needs_none()
        {
            Assert.Equal("/media/js/app.js?v=7", new MediaUrls(Settings(s => s.CacheBuster = "v=7")).Url("js/app.js", Local));
            var byUrl = Settings(s => s.CacheBusterFunction = url => "len=" + url.Length);
            Assert.Equal("/media/js/app.js?len=16", new MediaUrls(byUrl).Url("js/app.js", Local));

            Manifest(byUrl, fingerprint: true);
            var url = new MediaUrls(byUrl).Url("js/app.js", Local);
            Assert.Matches(@"^/media/js/app\.[0-9a-f]{8}\.js$", url);
        }

        [Fact]
        public void Tags_follow_the_three_doctypes_of_the_ancestor()
        {
            var urls = new MediaUrls(Settings());
            Assert.Equal("<link rel=\"stylesheet\" href=\"/media/css/a.css\" type=\"text/css\" media=\"screen, projection\">", urls.Tags("css/a.css", Local, doctype: Doctype.Html4).Single());
            Assert.Equal("<link rel=\"stylesheet\" href=\"/media/css/a.css\" type=\"text/css\" media=\"print\">", urls.Tags("css/a.css", Local, "print", Doctype.Html5).Single());
            Assert.Equal("<link rel=\"stylesheet\" href=\"/media/css/a.css\" type=\"text/css\" media=\"screen, projection\" />", urls.Tags("css/a.css", Local, doctype: Doctype.Xhtml).Single());
            Assert.Equal("<script type=\"text/javascript\" charset=\"utf-8\" src=\"/media/js/app.js\"></script>", urls.Tags("js/app.js", Local, doctype: Doctype.Html4).Single());
            Assert.Equal("<script src=\"/media/js/app.js\"></script>", urls.Tags("js/app.js", Local, doctype: Doctype.Html5).Single());
            Assert.Equal("<script type=\"text/javascript\" charset=\"utf-8\" src=\"/media/js/app.js\"></script>", urls.Tags("js/app.js", Local, doctype: Doctype.Xhtml).Single());
            Assert.Equal("MediaSync.NoTagForKind", Assert.Throws<MediaSyncException>(() => urls.Tags("images/stuff.png", Local)).Error.Id);
        }

        [Fact]
        public void A_bundle_is_one_tag_per_member_locally_and_one_tag_remotely()
        {
            var urls = new MediaUrls(Settings(s => s.PublicBaseUrl = "https://cdn.example.test"));
            Assert.Equal(new[] { "/media/styles/reset.css", "/media/styles/site.css" },
                urls.Tags("styles/joined.css", Local).Select(t => t.Split('"')[3]));
            Assert.Equal("//cdn.example.test/styles/joined.css", urls.Tags("styles/joined.css", Remote).Single().Split('"')[3]);
        }

        [Fact]
        public void CssPath_and_JsPath_shortcuts_apply_to_bare_names()
        {
            var urls = new MediaUrls(Settings(s => { s.CssPath = "styles"; s.JsPath = "js"; }));
            Assert.Equal(2, urls.Tags("joined.css", Local).Count);
            Assert.Contains("/media/js/app.js", urls.Tags("app.js", Local).Single());
        }

        [Fact]
        public void Integrity_comes_from_the_manifest_with_crossorigin()
        {
            var settings = Settings();
            Assert.Equal("MediaSync.IntegrityUnknown", Assert.Throws<MediaSyncException>(() => new MediaUrls(settings).Tags("js/app.js", Local, integrity: true)).Error.Id);
            Manifest(settings, fingerprint: false);
            var expected = MediaManifest.Integrity(new MemoryContent(System.Text.Encoding.UTF8.GetBytes("/* js/app.js */")));
            Assert.Equal($"<script src=\"/media/js/app.js\" integrity=\"{expected}\" crossorigin=\"anonymous\"></script>",
                new MediaUrls(settings).Tags("js/app.js", Local, integrity: true).Single());
        }

        /// <summary>Writes manifest.json by hand, as something other than MediaSync might: one entry, with the values given raw.</summary>
        private MediaSyncSettings HandWrittenManifest(string logical, string key, string? integrity = null, string[]? members = null)
        {
            var settings = Settings(s => s.PublicBaseUrl = "https://cdn.example.test/site");
            var entry = new Dictionary<string, object> { ["key"] = key };
            if (integrity != null) entry["integrity"] = integrity;
            if (members != null) entry["members"] = members;
            Directory.CreateDirectory(Path.GetDirectoryName(settings.ManifestPath)!);
            File.WriteAllText(settings.ManifestPath, System.Text.Json.JsonSerializer.Serialize(new { files = new Dictionary<string, object> { [logical] = entry } }));
            return settings;
        }

        [Theory]
        [InlineData("x\" onload=\"alert(1)")]
        [InlineData("sha384-abc\"><script>alert(1)</script>")]
        [InlineData("sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=")]
        [InlineData("sha384-abc?opt")]
        [InlineData("")]
        public void An_integrity_value_that_is_not_SRI_refuses_the_manifest(string integrity)
        {
            var settings = HandWrittenManifest("js/app.js", "js/app.js", integrity);
            var error = Assert.Throws<MediaSyncException>(() => new MediaUrls(settings).Tags("js/app.js", Local, integrity: true)).Error;
            Assert.Equal("MediaSync.ManifestInvalid", error.Id);
            Assert.Contains(settings.ManifestPath, error.Message);
            Assert.Contains("'js/app.js'", error.Message);
        }

        [Fact]
        public void Integrity_of_several_SRI_tokens_is_kept()
        {
            var sri = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";
            var settings = HandWrittenManifest("js/app.js", "js/app.js", sri);
            Assert.Equal($"<script src=\"/media/js/app.js\" integrity=\"{sri}\" crossorigin=\"anonymous\"></script>",
                new MediaUrls(settings).Tags("js/app.js", Local, integrity: true).Single());
        }

        [Theory]
        [InlineData("js/app.js", "../../evil.js", null)]
        [InlineData("../../evil.js", "js/app.js", null)]
        [InlineData("js/app.js", "/etc/evil.js", null)]
        [InlineData("js/app.js", "js\\..\\..\\evil.js", null)]
        [InlineData("js/app.js", "js/./app.js", null)]
        [InlineData("js/app.js", "javascript:alert(1)//.js", null)]
        [InlineData("js/app.js", "js/app\u0000.js", null)]
        [InlineData("js/app.js", "js/app\n.js", null)]
        [InlineData("styles/all.css", "styles/all.css", "../outside.css")]
        public void A_key_that_leaves_the_root_or_names_a_scheme_refuses_the_manifest(string logical, string key, string? member)
        {
            var settings = HandWrittenManifest(logical, key, members: member == null ? null : new[] { member });
            var error = Assert.Throws<MediaSyncException>(() => new MediaUrls(settings)).Error;
            Assert.Equal("MediaSync.ManifestInvalid", error.Id);
            Assert.Contains(settings.ManifestPath, error.Message);
            Assert.DoesNotContain("\n", error.Message);
        }

        [Fact]
        public void A_key_with_spaces_hashes_and_question_marks_is_percent_encoded_locally_and_remotely()
        {
            var settings = HandWrittenManifest("js/a b#c?.js", "js/a b#c?.0123abcd.js");
            var urls = new MediaUrls(settings);
            Assert.Equal("/media/js/a%20b%23c%3F.0123abcd.js", urls.Url("js/a b#c?.js", Local));
            Assert.Equal("https://cdn.example.test/site/js/a%20b%23c%3F.0123abcd.js", urls.Url("js/a b#c?.js", new UrlOptions { Remote = true, UseSsl = true }));
        }

        [Fact]
        public void Every_attribute_value_of_a_tag_is_escaped()
        {
            var urls = new MediaUrls(Settings(s => s.CacheBusterFunction = _ => "a=1&b='2'"));
            Assert.Equal("<link rel=\"stylesheet\" href=\"/media/css/a.css?a=1&amp;b=&#39;2&#39;\" type=\"text/css\" media=\"x&quot; onload=&quot;alert(1)&quot;&gt;&lt;b\">",
                urls.Tags("css/a.css", Local, "x\" onload=\"alert(1)\"><b").Single());
            Assert.Equal("<script src=\"/media/js/a.js?a=1&amp;b=&#39;2&#39;\"></script>", urls.Tags("js/a.js", Local).Single());
        }

        /// <summary>A store that only knows its public URL.</summary>
        private sealed class PublicUrlFolder : IPublicUrlStore
        {
            private readonly Uri _base;
            private readonly FolderStore _folder;

            public PublicUrlFolder(string folder, Uri baseUrl)
            {
                _folder = new FolderStore(folder);
                _base = baseUrl;
            }

            public string Name => _folder.Name;
            public bool KeepsHeaders => false;
            public bool CanDelete => false;
            public IEnumerable<StoredObject> List(System.Threading.CancellationToken cancellation) => _folder.List(cancellation);
            public void Put(StorePut put, System.Threading.CancellationToken cancellation) => _folder.Put(put, cancellation);
            public void Delete(IReadOnlyList<string> keys, System.Threading.CancellationToken cancellation) { }
            public Uri UrlFor(string key) => new Uri(_base, key);
        }
    }
}
