using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    public sealed class FingerprintAndManifestTests : ProcessingFixture
    {

        private static string Md5(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

        [Fact]
        public void Files_get_eight_hex_of_their_content_hash_before_the_extension()
        {
            var logo = Write("img/logo.png", "png");
            var result = MediaFingerprinting.Fingerprint(new[] { logo }, null, Host).Single();

            Assert.Equal($"img/logo.{Md5("png").Substring(0, 8)}.png", result.RelativePath);
            Assert.Equal("img/logo.png", result.LogicalPath);
            Assert.Equal(new[] { "Fingerprint" }, result.Processors);
            Assert.Equal("image/png", result.ContentType);
        }

        [Theory]
        [InlineData("a/app.css", "0123456789abcdef", "a/app.01234567.css")]
        [InlineData("a/app.min.js", "0123456789abcdef", "a/app.min.01234567.js")]
        [InlineData("LICENSE", "0123456789abcdef", "LICENSE.01234567")]
        [InlineData("dir/.hidden", "0123456789abcdef", "dir/.hidden.01234567")]
        public void Fingerprinted_names_keep_the_extension_last(string key, string hash, string expected) =>
            Assert.Equal(expected, MediaFingerprinting.FingerprintedKey(key, hash));

        [Fact]
        public void Css_references_are_rewritten_to_fingerprinted_names_first_and_the_css_hash_covers_them()
        {
            var css = Write("css/site.css", "@import \"base.css\";\n.a { background: url(../img/logo.png?v=2#x) } .b { background: url('/abs.png') }");
            var baseCss = Write("css/base.css", ".c { background: url(\"../img/logo.png\") }");
            var logo = Write("img/logo.png", "png");

            var result = MediaFingerprinting.Fingerprint(new[] { css, baseCss, logo }, null, Host);

            var logoKey = result[2].RelativePath;
            var logoName = logoKey.Substring(logoKey.LastIndexOf('/') + 1);
            var baseText = Text(result[1]);
            Assert.Equal($".c {{ background: url(\"../img/{logoName}\") }}", baseText);
            Assert.Equal($"css/base.{Md5(baseText).Substring(0, 8)}.css", result[1].RelativePath);
            var baseName = result[1].RelativePath.Substring("css/".Length);
            var siteText = Text(result[0]);
            Assert.Equal($"@import \"{baseName}\";\n.a {{ background: url(../img/{logoName}?v=2#x) }} .b {{ background: url('/abs.png') }}", siteText);
            Assert.Equal($"css/site.{Md5(siteText).Substring(0, 8)}.css", result[0].RelativePath);
            Assert.Equal(result[0].Hash, Md5(siteText));
        }

        [Theory]
        [InlineData("@import\"b.css\";.a{color:red}")]   // as esbuild minifies @import url("b.css")
        [InlineData("@import'b.css';")]
        [InlineData("@IMPORT \"b.css\";")]
        public void An_import_with_no_space_before_its_string_is_rewritten_too(string text)
        {
            var a = Write("css/a.css", text);
            var b = Write("css/b.css", ".b{color:blue}");

            var result = MediaFingerprinting.Fingerprint(new[] { a, b }, null, Host);

            var bName = result[1].RelativePath.Substring("css/".Length);
            Assert.StartsWith("b.", bName);
            Assert.Contains(bName, Text(result[0]));
            Assert.DoesNotContain("\"b.css\"", Text(result[0]));
            Assert.DoesNotContain("'b.css'", Text(result[0]));
            Assert.Empty(Host.Warnings);
        }

        [Fact]
        public void A_reference_to_a_missing_file_is_a_warning_not_a_crash()
        {
            var css = Write("css/site.css", ".a { background: url(missing.png) }");

            var result = MediaFingerprinting.Fingerprint(new[] { css }, null, Host).Single();

            Assert.Equal(".a { background: url(missing.png) }", Text(result));
            Assert.Single(Host.Warnings, w => w.Contains("missing.png"));
            Assert.Empty(Host.Errors);
        }

        [Fact]
        public void A_reference_cycle_is_resolved_with_no_warning_and_every_file_is_fingerprinted()
        {
            var a = Write("a.css", "@import 'b.css';");
            var b = Write("b.css", "@import 'a.css';");

            var result = MediaFingerprinting.Fingerprint(new[] { a, b }, null, Host);

            Assert.All(result, f => Assert.Equal(new[] { "Fingerprint" }, f.Processors));
            Assert.Equal($"@import '{result[1].RelativePath}';", Text(result[0]));
            Assert.Equal($"@import '{result[0].RelativePath}';", Text(result[1]));
            Assert.Empty(Host.Warnings);
        }

        [Fact]
        public void Include_limits_renaming_but_references_are_still_rewritten()
        {
            var css = Write("site.css", ".a { background: url(logo.png) }");
            var logo = Write("logo.png", "png");

            var result = MediaFingerprinting.Fingerprint(new[] { css, logo }, new[] { "*.png" }, Host);

            Assert.Equal("site.css", result[0].RelativePath);
            Assert.Contains(result[1].RelativePath, Text(result[0]));
        }

        [Fact]
        public void The_manifest_maps_logical_keys_to_published_keys_with_hash_size_integrity_variants_and_members()
        {
            var css = Write("css/site.css", string.Concat(Enumerable.Repeat(".a { color: red }\n", 50)));
            var js = Write("js/a.js", "var a = 1");
            var fingerprinted = MediaFingerprinting.Fingerprint(new[] { css, js }, null, Host);
            var withVariants = MediaCompression.Compress(fingerprinted, new CompressionRequest(), Host).ToList();
            var bundle = MediaBundler.Bundle(new[] { js }, MediaBundler.Resolve(new BundleRequest { Bundles = { new BundleDefinition("js/all.js", new[] { "js/a.js" }) } }), Host).Single();
            withVariants.Add(bundle);

            var manifest = JsonDocument.Parse(MediaManifest.Build(withVariants)).RootElement.GetProperty("files");

            Assert.Equal(new[] { "css/site.css", "js/a.js", "js/all.js" }, manifest.EnumerateObject().Select(p => p.Name));
            var site = manifest.GetProperty("css/site.css");
            Assert.Equal(fingerprinted[0].RelativePath, site.GetProperty("key").GetString());
            Assert.Equal(fingerprinted[0].Hash, site.GetProperty("hash").GetString());
            Assert.Equal(fingerprinted[0].Length, site.GetProperty("size").GetInt64());
            Assert.Equal("sha384-" + Convert.ToBase64String(SHA384.HashData(fingerprinted[0].Content.ReadAllBytes())), site.GetProperty("integrity").GetString());
            Assert.Equal(fingerprinted[0].RelativePath + ".gz", site.GetProperty("variants").GetProperty("gzip").GetString());
            Assert.Equal(fingerprinted[0].RelativePath + ".br", site.GetProperty("variants").GetProperty("br").GetString());
            Assert.Equal(new[] { "js/a.js" }, manifest.GetProperty("js/all.js").GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        }

        [Fact]
        public void The_manifest_is_stable_whatever_the_input_order_and_is_written_atomically()
        {
            var files = new[] { Write("b.css", "b{}"), Write("a.js", "a()"), Write("c/d.png", "png") };
            Assert.Equal(MediaManifest.Build(files), MediaManifest.Build(files.Reverse()));

            var path = Tree.PathOf("out/manifest.json");
            var manifest = MediaManifest.Export(path, files, write: true);
            Assert.Equal(MediaManifest.Build(files), File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(Tree.PathOf("out")));
            Assert.Equal(File.ReadAllBytes(path), manifest.ReadAllBytes());
            Assert.Equal("manifest.json", manifest.RelativePath);
            Assert.True(manifest.IsManifest && manifest.PublishesLast);
        }

        [Fact]
        public void Integrity_values_are_written_as_people_read_them()
        {
            // Find content whose SHA-384 in base64 has a '+', and check the manifest keeps it unescaped.
            var file = Enumerable.Range(0, 200).Select(i => Write($"f{i}.css", "a" + i)).First(f => MediaManifest.Integrity(f.Content).Contains('+'));
            var text = System.Text.Encoding.UTF8.GetString(MediaManifest.Build(new[] { file }));
            Assert.Contains(MediaManifest.Integrity(file.Content), text);
            Assert.DoesNotContain("\\u002B", text);
            Assert.Equal(MediaManifest.Integrity(file.Content), JsonDocument.Parse(text).RootElement.GetProperty("files").GetProperty(file.RelativePath).GetProperty("integrity").GetString());
        }

        [Fact]
        public void Export_without_writing_still_gives_the_manifest_to_publish()
        {
            var files = new[] { Write("b.css", "b{}") };
            var path = Tree.PathOf("out/site-manifest.json");
            var manifest = MediaManifest.Export(path, files, write: false);
            Assert.False(File.Exists(path));
            Assert.Equal("site-manifest.json", manifest.RelativePath);
            Assert.Equal(MediaManifest.Build(files), manifest.ReadAllBytes());
        }
    }
}
