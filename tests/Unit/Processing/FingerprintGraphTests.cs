using System;
using System.Linq;
using System.Text;
using MediaSync.Processing;
using MediaSync.Reporting;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>Fingerprinting over the reference graph: cycles, JS modules, source maps, the media URL, encodings.</summary>
    public sealed class FingerprintGraphTests : ProcessingFixture
    {
        private MediaFile[] Run(string? mediaUrl, params MediaFile[] files) => MediaFingerprinting.Fingerprint(files, null, Host, mediaUrl).ToArray();

        private static string Name(MediaFile file) => file.RelativePath.Substring(file.RelativePath.LastIndexOf('/') + 1);

        [Fact]
        public void An_import_cycle_is_named_as_one_unit_and_every_reference_resolves()
        {
            var result = Run(null, Write("css/a.css", "@import 'b.css'; .a{background:url(i.png)}"), Write("css/b.css", "@import url(a.css);"), Write("css/i.png", "png"));

            Assert.Contains($"'{Name(result[1])}'", Text(result[0]));
            Assert.Contains($"url({Name(result[0])})", Text(result[1]));
            Assert.Contains(Name(result[2]), Text(result[0]));
            Assert.Empty(ReferenceCheckerOf(result));
            Assert.Empty(Host.Warnings);
            var again = new FingerprintGraphTests().Run(null, Write("css/b.css", "@import url(a.css);"), Write("css/a.css", "@import 'b.css'; .a{background:url(i.png)}"), Write("css/i.png", "png"));
            Assert.Equal(result.Select(f => f.RelativePath).OrderBy(k => k), again.Select(f => f.RelativePath).OrderBy(k => k));
        }

        [Fact]
        public void A_change_in_one_member_of_a_cycle_renames_every_member()
        {
            var before = Run(null, Write("a.js", "import './b.js'; export const a = 1;"), Write("b.js", "import {a} from './a.js';"));
            var after = Run(null, Write("a.js", "import './b.js'; export const a = 2;"), Write("b.js", "import {a} from './a.js';"));
            Assert.NotEqual(before[1].RelativePath, after[1].RelativePath);
            Assert.Contains($"'./{Name(after[0])}'", Text(after[1]));
        }

        [Fact]
        public void Js_module_specifiers_are_rewritten_and_bare_and_absolute_ones_stay_without_a_warning()
        {
            var main = Write("js/main.js", "import{x}from\"./util.js\";export*from'../lib/re.js';import 'lit';import 'preact/hooks';" +
                "const l=import(\"./lazy.js\");const w=new URL('./w.wasm',import.meta.url);import('https://cdn.example/x.js');" +
                "/** @type {import('./util.js').X} */ const s=`import(\"./util.js\")`;");
            var result = Run(null, main, Write("js/util.js", "export const x=1"), Write("lib/re.js", "export const r=1"), Write("js/lazy.js", "1"), Write("js/w.wasm", "w"));

            var text = Text(result[0]);
            Assert.Contains($"from\"./{Name(result[1])}\"", text);
            Assert.Contains($"from'../lib/{Name(result[2])}'", text);
            Assert.Contains($"import(\"./{Name(result[3])}\")", text);
            Assert.Contains($"new URL('./{Name(result[4])}'", text);
            Assert.Contains("{import('./util.js').X}", text);
            Assert.Contains("`import(\"./util.js\")`", text);
            Assert.Empty(Host.Warnings);
        }

        [Theory]
        [InlineData("a{background:url(http:foobar)} b{background:url(chrome:foobar)} c{background:url(data:image/png;base64,AA==)} d{background:url(#f)} e{background:url(//cdn.example/a.png)}")]
        [InlineData("/* a{background:url(gone.png)} */ a::before{content:\"url(gone.png)\"}")]
        public void Scheme_like_urls_comments_and_strings_are_left_alone_with_no_warning(string css)
        {
            var result = Run(null, Write("a.css", css)).Single();
            Assert.Equal(css, Text(result));
            Assert.Empty(Host.Warnings);
        }

        [Fact]
        public void Only_a_relative_reference_to_nothing_warns_once_and_extensionless_modules_once_per_file()
        {
            Run(null, Write("a.css", "a{background:url(gone.png)} b{background:url(gone.png)}"), Write("b.js", "import './constants'; import './util'; import './gone.js';"));
            Assert.Single(Host.Warnings, w => w.Contains("'gone.png'"));
            Assert.Single(Host.Warnings, w => w.Contains("extensionless") && w.Contains("./constants"));
            Assert.Single(Host.Warnings, w => w.Contains("'./gone.js'"));
            Assert.Equal(3, Host.Warnings.Count);
        }

        [Fact]
        public void Root_relative_references_under_the_media_url_are_rewritten_and_others_stay()
        {
            var result = Run("/static/", Write("css/a.css", "a{background:url(/static/img/a.png?v=1)} b{background:url(/other/img/a.png)}"), Write("img/a.png", "png"));
            Assert.Equal($"a{{background:url(/static/{result[1].RelativePath}?v=1)}} b{{background:url(/other/img/a.png)}}", Text(result[0]));
            Assert.Empty(Host.Warnings);
        }

        [Fact]
        public void Query_and_fragment_are_kept()
        {
            var result = Run(null, Write("a.css", "@font-face{src:url(f.eot?#iefix)} a{background:url('i.svg#icon')}"), Write("f.eot", "eot"), Write("i.svg", "<svg/>"));
            Assert.Equal($"@font-face{{src:url({Name(result[1])}?#iefix)}} a{{background:url('{Name(result[2])}#icon')}}", Text(result[0]));
        }

        [Fact]
        public void A_source_map_is_published_after_its_file_and_its_bytes_are_in_the_files_hash()
        {
            var css = Write("css/bulma.css", ".a{}\n/*# sourceMappingURL=bulma.css.map */");
            var result = Run(null, css, Write("css/bulma.css.map", "{\"version\":3,\"file\":\"bulma.css\",\"sources\":[\"a.scss\"],\"mappings\":\"AAAA\"}"));

            Assert.Equal(result[0].RelativePath + ".map", result[1].RelativePath);
            Assert.Equal($".a{{}}\n/*# sourceMappingURL={Name(result[1])} */", Text(result[0]));
            Assert.Equal($"{{\"version\":3,\"file\":\"{Name(result[0])}\",\"sources\":[\"a.scss\"],\"mappings\":\"AAAA\"}}", Text(result[1]));
            var other = new FingerprintGraphTests().Run(null, css, Write("css/bulma.css.map", "{\"version\":3,\"file\":\"bulma.css\",\"sources\":[\"b.scss\"],\"mappings\":\"AAAA\"}"));
            Assert.NotEqual(result[0].RelativePath, other[0].RelativePath);
        }

        [Fact]
        public void A_js_source_map_named_as_minify_writes_it_follows_the_file()
        {
            var result = Run(null, Write("js/app.js", "x();\n//# sourceMappingURL=app.js.map\n"), Write("js/app.js.map", "{\"version\":3,\"sources\":[],\"mappings\":\"\"}"), Write("js/lone.js.map", "{}"));
            Assert.Equal(result[0].RelativePath + ".map", result[1].RelativePath);
            Assert.Contains("sourceMappingURL=" + Name(result[1]), Text(result[0]));
            Assert.Matches(@"^js/lone\.js\.[0-9a-f]{8}\.map$", result[2].RelativePath);
        }

        [Fact]
        public void A_latin1_stylesheet_with_charset_is_rewritten_in_latin1()
        {
            var latin1 = Encoding.Latin1;
            var result = Run(null, Write("a.css", latin1.GetBytes("@charset \"iso-8859-1\";\na::before{content:\"é\"} b{background:url(i.png)}")), Write("i.png", "png"));
            Assert.Equal($"@charset \"iso-8859-1\";\na::before{{content:\"é\"}} b{{background:url({Name(result[1])})}}", latin1.GetString(result[0].Content.ReadAllBytes()));
        }

        [Fact]
        public void A_bom_is_honoured_and_kept()
        {
            var utf16 = new UnicodeEncoding(false, true);
            var result = Run(null, Write("a.css", utf16.GetPreamble().Concat(utf16.GetBytes("a{background:url(i.png)}")).ToArray()), Write("i.png", "png"));
            var bytes = result[0].Content.ReadAllBytes();
            Assert.Equal(new byte[] { 0xFF, 0xFE }, bytes.Take(2));
            Assert.Equal($"a{{background:url({Name(result[1])})}}", utf16.GetString(bytes, 2, bytes.Length - 2));
        }

        [Fact]
        public void Invalid_utf8_is_refused_naming_the_file_and_passes_unchanged()
        {
            var bytes = Encoding.Latin1.GetBytes("a::before{content:\"é\"} b{background:url(i.png)}");
            var result = Run(null, Write("css/bad.css", bytes), Write("css/i.png", "png"));

            Assert.Equal(bytes, result[0].Content.ReadAllBytes());
            Assert.Equal("css/bad.css", result[0].RelativePath);
            var error = Assert.Single(Host.Errors);
            Assert.Equal("MediaSync.TextEncodingInvalid", error.Id);
            Assert.Contains("css/bad.css", error.Message);
            var input = new ProcessorInput(Write("x.js", new byte[] { 0x61, 0xE9, 0x62 }));
            Assert.Contains("x.js", Assert.Throws<MediaSyncException>(() => input.Text).Message);
        }

        [Fact]
        public void The_manifest_lists_each_scripts_static_imports_by_logical_key()
        {
            var files = new[] { Write("js/main.js", "import './b.js'; export * from './a.js'; import('./lazy.js'); import 'lit';"), Write("js/a.js", "1"), Write("js/b.js", "import './a.js'"), Write("js/lazy.js", "2") };
            foreach (var set in new[] { files, Run(null, files) })
            {
                var manifest = System.Text.Json.JsonDocument.Parse(MediaManifest.Build(set)).RootElement.GetProperty("files");
                Assert.Equal(new[] { "js/a.js", "js/b.js" }, manifest.GetProperty("js/main.js").GetProperty("imports").EnumerateArray().Select(e => e.GetString()));
                Assert.False(manifest.GetProperty("js/a.js").TryGetProperty("imports", out _));
            }
        }

        private static System.Collections.Generic.SortedSet<string> ReferenceCheckerOf(MediaFile[] files) => Support.ReferenceChecker.Unresolved(files);
    }
}
