using System;
using System.IO;
using System.Linq;
using System.Text;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    public sealed class BundlingTests : ProcessingFixture
    {

        private MediaFile[] Bundle(BundleRequest request, params MediaFile[] files) =>
            MediaBundler.Bundle(files, MediaBundler.Resolve(request), Host).ToArray();

        private static BundleRequest One(string name, params string[] members) =>
            new BundleRequest { Bundles = { new BundleDefinition(name, members) } };

        [Fact]
        public void Scripts_are_joined_in_definition_order_with_semicolon_newlines()
        {
            var a = Write("scripts/a.js", "var a = 1", minutes: 5);
            var b = Write("scripts/b.js", "(function(){})()", minutes: 9);

            var bundle = Bundle(One("scripts/joined.js", "scripts/b.js", "scripts/a.js"), a, b).Single();

            Assert.Equal("(function(){})();\nvar a = 1", Text(bundle));
            Assert.Equal(new[] { "scripts/b.js", "scripts/a.js" }, bundle.Members);
            Assert.Equal("scripts/joined.js", bundle.RelativePath);
            Assert.Equal("text/javascript; charset=utf-8", bundle.ContentType);
            Assert.Equal(TempTree.BaseTime.AddMinutes(9), bundle.LastWriteTimeUtc);
        }

        [Fact]
        public void Css_hoists_one_charset_and_warns_about_a_late_import()
        {
            var reset = Write("styles/reset.css", "@charset \"UTF-8\";\n* { margin: 0 }");
            var text = Write("styles/text.css", "@charset \"UTF-8\";\n@import url(\"fonts.css\");\np { color: red }");

            var bundle = Bundle(One("styles/joined.css", "styles/reset.css", "styles/text.css"), reset, text).Single();

            Assert.Equal("@charset \"UTF-8\";\n* { margin: 0 }\n@import url(\"fonts.css\");\np { color: red }", Text(bundle));
            Assert.Single(Host.Warnings, w => w.Contains("styles/text.css") && w.Contains("@import"));
        }

        [Fact]
        public void Relative_urls_are_rebased_when_a_member_lives_elsewhere()
        {
            var widget = Write("apps/shop/css/widget.css",
                ".a { background: url(../img/a.png) } .b { background: url('b.svg#icon') } .c { background: url(\"/abs.png\") } " +
                ".d { background: url(data:image/png;base64,xx) } .e { background: url(https://cdn.example/x.png) }");

            var bundle = Bundle(One("styles/all.css", "apps/shop/css/widget.css"), widget).Single();

            Assert.Equal(
                ".a { background: url(../apps/shop/img/a.png) } .b { background: url('../apps/shop/css/b.svg#icon') } .c { background: url(\"/abs.png\") } " +
                ".d { background: url(data:image/png;base64,xx) } .e { background: url(https://cdn.example/x.png) }", Text(bundle));
        }

        [Fact]
        public void Urls_in_comments_strings_and_scheme_like_urls_are_not_rebased_and_image_set_is()
        {
            const string css = "/* url(a.png) */ .a::before { content: \"url(a.png)\" } .b { background: url(http:foobar) } .c { background: image-set(\"c.png\" 1x) }";
            var widget = Write("apps/shop/css/widget.css", css);

            var bundle = Bundle(One("styles/all.css", "apps/shop/css/widget.css"), widget).Single();

            Assert.Equal(css.Replace("\"c.png\"", "\"../apps/shop/css/c.png\""), Text(bundle));
        }

        [Fact]
        public void Path_shortcuts_prefix_members()
        {
            var reset = Write("styles/reset.css", "a{}");
            var app = Write("scripts/app.js", "x()");
            var request = new BundleRequest
            {
                CssPath = "styles",
                JsPath = "scripts",
                Bundles = { new BundleDefinition("styles/joined.css", new[] { "reset.css" }), new BundleDefinition("scripts/joined.js", new[] { "app.js" }) },
            };

            var bundles = Bundle(request, reset, app);

            Assert.Equal(new[] { "styles/reset.css" }, bundles[0].Members);
            Assert.Equal(new[] { "scripts/app.js" }, bundles[1].Members);
        }

        [Fact]
        public void A_missing_member_is_an_error_naming_it_and_that_bundle_is_not_made()
        {
            var a = Write("a.js", "a()");

            var bundles = Bundle(new BundleRequest
            {
                Bundles = { new BundleDefinition("broken.js", new[] { "a.js", "gone.js" }), new BundleDefinition("fine.js", new[] { "a.js" }) },
            }, a);

            Assert.Equal(new[] { "fine.js" }, bundles.Select(b => b.RelativePath));
            var error = Assert.Single(Host.Errors);
            Assert.Equal("MediaSync.BundleMemberMissing", error.Id);
            Assert.Contains("gone.js", error.Message);
        }

        [Theory]
        [InlineData("bundle.txt", "a.js", "MediaSync.BundleNameInvalid")]
        [InlineData("../bundle.js", "a.js", "MediaSync.BundleNameInvalid")]
        [InlineData("bundle.js", "a.css", "MediaSync.BundleMixesKinds")]
        [InlineData("bundle.css", "a.js", "MediaSync.BundleMixesKinds")]
        public void Bad_definitions_are_refused(string name, string member, string id) =>
            Assert.Equal(id, Assert.Throws<MediaSyncException>(() => MediaBundler.Resolve(One(name, member))).Error.Id);

        [Theory]
        [InlineData("css", "../img/a.png", "img/a.png")]
        [InlineData("a/b", "../../x.png", "x.png")]
        [InlineData("", "./x.png?v=1", "x.png?v=1")]
        public void Urls_resolve_against_folders(string folder, string url, string expected) =>
            Assert.Equal(expected, MediaBundler.Combine(folder, url));

        [Theory]
        [InlineData("styles", "img/a.png", "../img/a.png")]
        [InlineData("styles", "styles/x/a.png", "x/a.png")]
        [InlineData("", "img/a.png", "img/a.png")]
        [InlineData("a/b", "a/c/d.png", "../c/d.png")]
        public void Relative_urls_are_computed_between_folders(string from, string target, string expected) =>
            Assert.Equal(expected, MediaBundler.RelativeUrl(from, target));
    }
}
