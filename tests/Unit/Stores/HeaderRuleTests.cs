using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using MediaSync.Reporting;
using MediaSync.Stores;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>Header rules as the adapters hand them over: a script's ordered map, or a command line's text.</summary>
    public sealed class HeaderRuleTests
    {
        [Fact]
        public void A_map_of_globs_to_headers_keeps_its_order_and_unwraps_host_values()
        {
            var rules = new OrderedDictionary
            {
                ["*.html"] = new Wrapped(new Hashtable { ["Cache-Control"] = "no-cache" }),
                ["img/*"] = new Hashtable { ["Cache-Control"] = "max-age=60", ["Content-Disposition"] = "inline" },
            };

            var parsed = HeaderRule.Parse(rules, value => value is Wrapped wrapped ? wrapped.Value : value);

            Assert.Equal(new[] { "*.html", "img/*" }, parsed.Select(r => r.Pattern.Pattern));
            Assert.Equal("no-cache", parsed[0].Headers["cache-control"]);
            Assert.Equal("inline", parsed[1].Headers["Content-Disposition"]);
        }

        [Fact]
        public void A_rule_that_maps_to_no_headers_is_a_bad_argument_naming_its_glob()
        {
            var error = Assert.Throws<MediaSyncException>(() => HeaderRule.Parse(new Hashtable { ["*.html"] = "no-cache" }));
            Assert.Equal("MediaSync.ConflictingArguments", error.Error.Id);
            Assert.Contains("'*.html'", error.Message);
        }

        [Theory]
        [InlineData("*.html=Cache-Control: no-cache", "*.html", "Cache-Control", "no-cache")]
        [InlineData("img/*=Cache-Control: max-age=60; Content-Disposition: inline", "img/*", "Content-Disposition", "inline")]
        public void A_rule_written_as_text_reads_glob_and_headers(string text, string glob, string header, string value)
        {
            var rule = HeaderRule.Parse(text);
            Assert.Equal(glob, rule.Pattern.Pattern);
            Assert.Equal(value, rule.Headers[header]);
        }

        [Theory]
        [InlineData("*.html")]
        [InlineData("=Cache-Control: no-cache")]
        [InlineData("*.html=no-cache")]
        public void Text_that_is_not_a_rule_is_refused_with_an_example(string text)
        {
            var error = Assert.Throws<MediaSyncException>(() => HeaderRule.Parse(text));
            Assert.Contains("GLOB=Name: value", error.Message);
        }

        private sealed class Wrapped
        {
            public Wrapped(object value) => Value = value;
            public object Value { get; }
        }
    }
}
