using System.Linq;
using MediaSync.Processing.References;
using Xunit;

namespace MediaSync.Tests.Processing
{
    public sealed class CssReferencesTests
    {
        private static string[] Values(string css) => CssReferences.Find(css).Select(r => r.Value).ToArray();

        [Theory]
        [InlineData("@import\"b.css\";", "b.css")]
        [InlineData("@import 'b.css';", "b.css")]
        [InlineData("@import url(b.css) screen;", "b.css")]
        [InlineData("@IMPORT url( \"b.css\" );", "b.css")]
        [InlineData("a{background:url(x.png)}", "x.png")]
        [InlineData("a{background:url( 'x.png' )}", "x.png")]
        [InlineData("a{background:URL(\"x y.png\")}", "x y.png")]
        [InlineData("a{background:url(x\\(1\\).png)}", "x(1).png")]
        [InlineData("a{background:url(\\78 .png)}", "x.png")]
        [InlineData("a{src:url(font.eot?#iefix) format('eot')}", "font.eot?#iefix")]
        [InlineData("a{background:image-set(\"a.png\" 1x, 'b.png' 2x)}", "a.png", "b.png")]
        [InlineData("a{background:-webkit-image-set(url(a.png) 1x, \"b.png\" 2x)}", "a.png", "b.png")]
        [InlineData("a{}\n/*# sourceMappingURL=a.css.map */", "a.css.map")]
        public void Finds_every_form_of_reference(string css, params string[] expected) => Assert.Equal(expected, Values(css));

        [Theory]
        [InlineData("/* a{background:url(x.png)} @import 'y.css'; */ a{}")]
        [InlineData("a::before{content:\"url(x.png)\"} b{content:'@import \"y.css\"'}")]
        [InlineData("a{font-family:\"image-set\"}")]
        [InlineData("a{background:image(\"a.png\")}")] // not image-set
        public void Comments_and_strings_that_are_no_reference_are_skipped(string css) => Assert.Empty(Values(css));

        [Fact]
        public void Spans_point_at_the_raw_text_so_a_rewrite_keeps_the_quotes()
        {
            const string css = "@import\"b.css\";a{background:url( 'i.png' )}";
            var edits = CssReferences.Find(css).Select(r => (r, r.Value.Replace(".", ".x."))).ToList();
            Assert.Equal("@import\"b.x.css\";a{background:url( 'i.x.png' )}", ReferenceRewriter.Apply(css, edits));
        }
    }
}
