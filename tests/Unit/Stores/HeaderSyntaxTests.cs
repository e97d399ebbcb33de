using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Settings;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// A header that could inject (a CR or LF in a value, a name that is no token) is refused as HeaderInvalid wherever
    /// it comes in, before anything is listed or put: a rule from a script's map, a command line's text or settings,
    /// and the headers a script store lists.
    /// </summary>
    public sealed class HeaderSyntaxTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        [Theory]
        [InlineData("Cache-Control", "public, max-age=60")]
        [InlineData("Cache-Control", "no-cache,\tmust-revalidate")]   // HTAB is allowed in a value (RFC 7230 field-content)
        [InlineData("x-amz-meta-built_by", "ci #42 ~!$%&'*+^`|")]
        [InlineData("Content-Disposition", "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")]
        [InlineData("X-Empty", "")]
        public void A_token_name_and_a_printable_ascii_value_pass(string name, string value)
        {
            Assert.Null(HeaderSyntax.NameProblem(name));
            Assert.Null(HeaderSyntax.ValueProblem(value));
        }

        [Theory]
        [InlineData("no-cache\r\nX-Injected: 1", "header injection")]
        [InlineData("no-cache\nX-Injected: 1", "header injection")]
        [InlineData("no-cache\rX", "header injection")]
        [InlineData("no\0cache", "U+0000")]
        [InlineData("no\u007fcache", "U+007F")]
        [InlineData("no\u001bcache", "U+001B")]
        [InlineData("r\u00e9sum\u00e9", "not ASCII")]
        [InlineData("\u2028", "not ASCII")]
        public void A_value_with_a_control_character_or_non_ascii_is_refused(string value, string why)
        {
            Assert.Contains(why, HeaderSyntax.ValueProblem(value));
        }

        [Theory]
        [InlineData("", "needs a name")]
        [InlineData("X-Injected:", "':'")]
        [InlineData("Cache Control", "a space")]
        [InlineData("X-Evil\r\nX-Injected", "U+000D")]
        [InlineData("X-\u00e9t\u00e9", "U+00E9")]
        [InlineData("X(comment)", "'('")]
        public void A_name_that_is_not_a_token_is_refused(string name, string why)
        {
            Assert.Contains(why, HeaderSyntax.NameProblem(name));
        }

        [Fact]
        public void A_rule_from_a_map_with_a_line_break_in_a_value_is_header_invalid_and_the_message_holds_no_raw_line_break()
        {
            var error = Assert.Throws<MediaSyncException>(() =>
                HeaderRule.Parse(new Hashtable { ["*.html"] = new Hashtable { ["Cache-Control"] = "no-cache\r\nX-Injected: 1" } })).Error;

            Assert.Equal("MediaSync.HeaderInvalid", error.Id);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains("'*.html'", error.Message);
            Assert.Contains("'Cache-Control'", error.Message);
            Assert.DoesNotContain("\r", error.Message);
            Assert.DoesNotContain("\n", error.Message);
        }

        [Fact]
        public void A_rule_naming_a_header_that_is_no_token_is_header_invalid()
        {
            var error = Assert.Throws<MediaSyncException>(() =>
                new HeaderRule("*", new Dictionary<string, string> { ["X-Evil\r\nX-Injected"] = "1" })).Error;
            Assert.Equal("MediaSync.HeaderInvalid", error.Id);
            Assert.Contains("X-Evil\\u000d\\u000aX-Injected", error.Message);
        }

        [Fact]
        public void A_rule_from_a_command_line_with_a_line_break_is_header_invalid()
        {
            var error = Assert.Throws<MediaSyncException>(() => HeaderRule.Parse("*.html=Cache-Control: no-cache\r\nX-Injected: 1")).Error;
            Assert.Equal("MediaSync.HeaderInvalid", error.Id);
        }

        [Fact]
        public void A_rule_in_settings_with_a_line_break_is_header_invalid_naming_the_setting_and_its_line()
        {
            var path = _tree.Write("site/mediasync.json", "{\n  \"HeaderRules\": {\n    \"*.html\": { \"Cache-Control\": \"no-cache\\r\\nX-Injected: 1\" }\n  }\n}");

            var error = Assert.Throws<MediaSyncException>(() => SettingsReader.ReadFile(path)).Error;

            Assert.Equal("MediaSync.HeaderInvalid", error.Id);
            Assert.Contains("'HeaderRules.*.html.Cache-Control'", error.Message);
            Assert.Contains("line 3", error.Message);
        }

        [Fact]
        public void A_script_store_listing_a_header_with_a_line_break_stops_the_publish_before_anything_is_put()
        {
            var puts = new List<string>();
            var store = new CallbackStore("https://cdn.example.test/",
                () => new object?[] { new Hashtable { ["Key"] = "index.html", ["Size"] = 3, ["Headers"] = new Hashtable { ["Cache-Control"] = "no-cache\nX-Injected: 1" } } },
                put => puts.Add(put.Key), keepsHeaders: true);
            var files = new[] { TestMedia.InMemory("index.html", "<p>", DateTime.UtcNow), TestMedia.InMemory("css/a.css", "a{}", DateTime.UtcNow) };

            var error = Assert.Throws<MediaSyncException>(() => Publisher.Publish(new PublishRequest(), files, store, new RecordingHost()).ToList()).Error;

            Assert.Equal("MediaSync.HeaderInvalid", error.Id);
            Assert.Contains("'index.html'", error.Message);
            Assert.Empty(puts);
        }
    }
}
