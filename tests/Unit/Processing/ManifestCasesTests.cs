using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Processing;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>
    /// Our edge cases for hashed media names (tests/Fixtures/manifest-cases, see its README), modelled on what
    /// Django's ManifestStaticFilesStorage tests cover, fingerprinted with /static/ as the media URL. Every expected
    /// name comes from the output and every untouched text from the fixture files.
    /// </summary>
    public sealed class ManifestCasesTests
    {
        private const string StaticUrl = "/static/";

        private static string Fixture(string root) => Path.Combine(RepoPaths.Root, "tests", "Fixtures", "manifest-cases", root);

        private static IReadOnlyList<MediaFile> Run(string root, bool minify, RecordingHost host, string mediaUrl = StaticUrl, params MediaFile[] extra)
        {
            var files = TestMedia.Discover(Fixture(root)).Concat(extra).ToList();
            Assert.NotEmpty(files);
            var steps = new List<IMediaProcessor>();
            if (minify) steps.Add(new EsbuildMinifier(RepoPaths.Esbuild, new EsbuildOptions()));
            steps.Add(new MediaFingerprinting.Step(null, mediaUrl));
            return MediaProcessing.Run(files, steps, host);
        }

        private static MediaFile Published(IReadOnlyList<MediaFile> files, string logical) => files.Single(f => f.LogicalPath == logical);

        private static string Text(IReadOnlyList<MediaFile> files, string logical) => Published(files, logical).ReadAllText();

        private static string[] Lines(string logical) => File.ReadAllLines(Fixture("documents/" + logical));

        /// <summary>The published name of a file as written from the folder of another (the same folder: its name).</summary>
        private static string Name(IReadOnlyList<MediaFile> files, string logical) => Path.GetFileName(Published(files, logical).RelativePath);

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Every_reference_in_the_project_resolves_without_a_warning_or_an_error(bool minify)
        {
            var host = new RecordingHost();
            var output = Run("documents", minify, host);

            Assert.Empty(ReferenceChecker.Unresolved(output, StaticUrl));
            Assert.Empty(host.Warnings);
            Assert.Empty(host.ErrorIds);
            Assert.All(output.Where(f => !f.RelativePath.EndsWith(".map", StringComparison.Ordinal)), f => Assert.NotEqual(f.LogicalPath, f.RelativePath));
        }

        [Fact]
        public void Comments_strings_scheme_urls_fragments_data_uris_and_an_empty_url_are_left_alone_without_a_word()
        {
            var host = new RecordingHost();
            var output = Run("documents", false, host);

            Assert.Empty(host.Warnings);
            // test_path_ignored_completely: nothing in it is a file, so it is not changed.
            Assert.Equal(File.ReadAllText(Fixture("documents/cached/css/ignored.css")), Text(output, "cached/css/ignored.css"));
            Assert.Equal(File.ReadAllText(Fixture("documents/cached/data_uri_with_nested_url.css")), Text(output, "cached/data_uri_with_nested_url.css"));
            // Every comment line of the stylesheets, and every line of module.js naming a file that is not there, is kept.
            foreach (var (file, marker) in new[] { ("cached/import.css", "/*"), ("cached/css/comments.css", "nowhere-"), ("cached/module.js", "absent") })
            {
                var lines = Lines(file).Where(l => l.Contains(marker)).ToList();
                Assert.NotEmpty(lines);
                Assert.All(lines, l => Assert.Contains(l, Text(output, file)));
            }
            // A root-relative URL outside STATIC_URL is not a media file, and no warning (absolute_no_static.css).
            Assert.Contains("url(\"/styles_root.css\")", Text(output, "cached/absolute_no_static.css"));
            // TestExtraPatternsStorage's JS_URL-like pattern is Django's extension point, not JavaScript: left alone.
            Assert.Equal(File.ReadAllText(Fixture("documents/cached/test.js")), Text(output, "cached/test.js"));
        }

        [Fact]
        public void A_reference_to_a_missing_file_is_one_warning_naming_both_and_stays_unresolved()
        {
            var host = new RecordingHost();
            var output = Run("faulty", false, host);

            // As Django's test_post_processing_failure, but MediaSync warns and publishes (by design).
            Assert.Equal(new[] { "'faulty.css' refers to 'missing.css', which is not among the files; the reference is left as it is." }, host.Warnings);
            Assert.Empty(host.Errors);
            Assert.Equal(new[] { "faulty.css -> missing.css" }, ReferenceChecker.Unresolved(output, StaticUrl));
        }

        [Fact]
        public void A_stylesheet_that_is_not_utf8_is_refused_naming_it()
        {
            var host = new RecordingHost();
            var output = Run("nonutf8", false, host);

            // As Django's test_post_processing_nonutf8: the run names the file it cannot read as UTF-8.
            var error = Assert.Single(host.Errors);
            Assert.Equal("MediaSync.TextEncodingInvalid", error.Id);
            Assert.Contains("nonutf8.css", error.Message);
            Assert.Equal(File.ReadAllBytes(Fixture("nonutf8/nonutf8.css")), Published(output, "nonutf8.css").Content.ReadAllBytes());
        }

        [Fact]
        public void With_the_static_url_at_the_root_a_protocol_relative_url_is_left_alone_without_a_warning()
        {
            var host = new RecordingHost();
            var output = Run("static_url_slash", false, host, mediaUrl: "/");

            // As Django's test_protocol_relative_url_ignored with STATIC_URL = "/".
            Assert.Empty(host.Warnings);
            Assert.Contains("url(\"//foobar\")", Text(output, "ignored.css"));
        }

        [Fact]
        public void Css_imports_urls_and_their_query_and_fragment_are_rewritten()
        {
            var output = Run("documents", false, new RecordingHost());
            var styles = Name(output, "cached/styles.css");

            Assert.Contains($"@import url(\"{Name(output, "cached/other.css")}\");", Text(output, "cached/styles.css"));
            Assert.Contains($"@ImPoRt UrL(\"{Name(output, "cached/other.css")}\");", Text(output, "cached/styles_insensitive.css"));
            // Every @import form (quoted, url(), layer(), media, supports()) names the new file and keeps the rest.
            var imports = File.ReadAllText(Fixture("documents/cached/import.css"));
            Assert.Equal(imports.Replace("/static/styles_root.css", "/static/" + Published(output, "styles_root.css").RelativePath).Replace("styles.css", styles),
                Text(output, "cached/import.css"));
            var relative = Text(output, "cached/relative.css");
            Assert.Contains($"@import url(\"../cached/{styles}\");", relative);
            Assert.Contains($"@import url(\"{Name(output, "cached/absolute.css")}#eggs\");", relative);
            Assert.Contains($"url(img/{Name(output, "cached/img/relative.png")})", relative);
            var absolute = Text(output, "cached/absolute.css");
            Assert.Contains($"url(\"/static/{Published(output, "cached/styles.css").RelativePath}\")", absolute);
            Assert.Contains($"url(/static/{Published(output, "cached/img/relative.png").RelativePath})", absolute);
            Assert.Contains($"url(\"img/{Name(output, "cached/css/img/window.png")}\")", Text(output, "cached/css/window.css"));
            var fragments = Text(output, "cached/css/fragments.css");
            var eot = Name(output, "cached/css/fonts/font.eot");
            var svg = Name(output, "cached/css/fonts/font.svg");
            foreach (var kept in new[] { $"fonts/{eot}?#iefix", $"fonts/{svg}#glyphsA1", $"fonts/{svg}#deep/../../fonts/font.svg",
                "url('data:font/woff2;base64,AAECAwQFBgcICQ')", "url(\"#behaviour#XYZ\")" })
                Assert.Contains(kept, fragments);
        }

        [Fact]
        public void A_denormalised_path_is_written_as_the_path_a_browser_resolves_to_the_key()
        {
            var output = Run("documents", false, new RecordingHost());
            var denorm = Text(output, "cached/denorm.css");

            // As Django's test_template_tag_denorm: "..//cached///styles.css" names cached/styles.css only once normalised.
            Assert.DoesNotContain("//", denorm);
            Assert.Contains($"@import url(\"{Name(output, "cached/styles.css")}\");", denorm);
            Assert.Contains($"url(img/{Name(output, "cached/img/relative.png")} )", denorm);
        }

        [Fact]
        public void The_import_cycle_is_named_as_one_unit_and_resolves()
        {
            var output = Run("documents", false, new RecordingHost());
            var foo = Name(output, "loop/foo.css");
            var bar = Name(output, "loop/bar.css");

            // As Django's test_import_loop: foo and bar share one hash, bar names foo and baz.
            Assert.Equal(foo.Split('.')[1], bar.Split('.')[1]);
            Assert.Contains($"@import url(\"{foo}\");", Text(output, "loop/bar.css"));
            Assert.Contains($"@import url(\"{Name(output, "loop/baz.css")}\");", Text(output, "loop/bar.css"));
            Assert.Contains($"@import url(\"{bar}\")", Text(output, "loop/foo.css"));
        }

        [Fact]
        public void Source_maps_are_renamed_with_their_file_and_the_sensitive_and_data_uri_ones_are_left_alone()
        {
            var output = Run("documents", false, new RecordingHost());

            // The comment names the published map, which is named after its file (source_map.<hash>.css.map).
            foreach (var (file, comment) in new[] { ("cached/source_map.css", "/*# sourceMappingURL={0}*/"), ("cached/source_map.js", "//# sourceMappingURL={0}\n") })
            {
                var map = Published(output, file + ".map").RelativePath;
                Assert.Equal(Published(output, file).RelativePath + ".map", map);
                Assert.Contains(string.Format(comment, Path.GetFileName(map)), Text(output, file));
            }
            // A second file naming the same map (tabs, trailing whitespace) points at it too, with its spacing kept.
            Assert.Contains($"/*#\tsourceMappingURL={Name(output, "cached/source_map.css.map")}\t*/", Text(output, "cached/source_map_tabs.css"));
            Assert.Contains($"//# sourceMappingURL={Name(output, "cached/source_map.js.map")}\t \n", Text(output, "cached/source_map_trailing_whitespace.js"));
            // SoUrCeMaPpInGuRl is no source map comment, and a data: map is no file: both files keep their bytes.
            foreach (var file in new[] { "cached/source_map_sensitive.css", "cached/source_map_sensitive.js", "cached/source_map_data_uri.css", "cached/source_map_data_uri.js" })
                Assert.Equal(File.ReadAllText(Fixture("documents/" + file)), Text(output, file));
        }

        [Fact]
        public void Module_imports_exports_dynamic_imports_and_import_meta_urls_are_rewritten()
        {
            // new URL(…, import.meta.url), in both quotes, beside module.js.
            var worker = TestMedia.InMemory("cached/worker.js",
                "new Worker(new URL(\"./module_test.js\", import.meta.url));\nnew Worker(new URL(`./module_test.js`, import.meta.url));\n", TempTree.BaseTime);
            var host = new RecordingHost();
            var output = Run("documents", false, host, StaticUrl, worker);
            var test = Name(output, "cached/module_test.js");
            var module = Text(output, "cached/module.js");

            Assert.Empty(host.Warnings);
            // Every form names its file by its new name, and nothing else in the file changes.
            var expected = File.ReadAllText(Fixture("documents/cached/module.js"))
                .Replace("\"./module_test.js\"", $"\"./{test}\"").Replace("'./module_test.js'", $"'./{test}'").Replace("`./module_test.js`", $"`./{test}`")
                .Replace("../nested/js/nested.js", "../nested/js/" + Name(output, "nested/js/nested.js"))
                .Replace("/static/absolute_root.js", "/static/" + Published(output, "absolute_root.js").RelativePath)
                .Replace("\"./other.css\"", $"\"./{Name(output, "cached/other.css")}\"");
            Assert.NotEqual(File.ReadAllText(Fixture("documents/cached/module.js")), expected);
            Assert.Equal(expected, module);
            Assert.DoesNotContain("./module_test.js", module);
            Assert.Equal($"new Worker(new URL(\"./{test}\", import.meta.url));\nnew Worker(new URL(`./{test}`, import.meta.url));\n", Text(output, "cached/worker.js"));
        }
    }
}
