using System;
using System.IO;
using System.Linq;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Cli
{
    /// <summary>The mediasync command line as a machine without PowerShell runs it: the same engine, its own spelling.</summary>
    [Collection("cli")]
    public sealed class CliTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public CliTests()
        {
            _tree.Write("src/css/site.css", "body  {  margin :  0 ; }\n");
            _tree.Write("src/js/app.js", "function add(first, second) { return first + second; }\n");
        }

        public void Dispose() => _tree.Dispose();

        private static (int Code, string Output) Run(params string[] arguments) => CliProcess.Run(null, arguments);

        /// <summary>Runs mediasync with <paramref name="environment"/> set in its environment (a null value removes a variable).</summary>
        internal static (int Code, string Output) Run(System.Collections.Generic.IDictionary<string, string?>? environment, params string[] arguments) =>
            CliProcess.Start("dotnet", null, new[] { RepoPaths.Cli }, arguments, environment);

        [Fact]
        public void Publishes_in_parts_with_shard_refuses_a_deleting_part_and_deletes_once_with_delete_only()
        {
            string Src() => _tree.PathOf("src");
            string Out() => _tree.PathOf("out");
            var refused = Run("publish", Src(), "--destination", Out(), "--shard", "1/2", "--delete");
            Assert.Equal(2, refused.Code);
            Assert.Contains("ERROR [MediaSync.ShardCannotDelete]", refused.Output);
            Assert.Contains("--delete-only", refused.Output);
            Assert.False(Directory.Exists(Out()));
            Assert.Contains("ERROR [MediaSync.ShardInvalid]", Run("publish", Src(), "--destination", Out(), "--shard", "3/2").Output);

            var written = new[] { "1/2", "2/2" }.Sum(part =>
            {
                var (code, output) = Run("publish", Src(), "--destination", Out(), "--shard", part);
                Assert.True(code == 0, output);
                return int.Parse(System.Text.RegularExpressions.Regex.Match(output, "wrote ([0-9]+)").Groups[1].Value);
            });
            Assert.Equal(2, written);
            Assert.Equal(new[] { "css/site.css", "js/app.js" }, _tree.Files("out"));
            File.Delete(_tree.PathOf("src/js/app.js"));
            var (deleteCode, deleted) = Run("publish", Src(), "--destination", Out(), "--delete-only");
            Assert.True(deleteCode == 0, deleted);
            Assert.Contains("Deleted 1 of 1, wrote 0", deleted);
            Assert.Equal(new[] { "css/site.css" }, _tree.Files("out"));
        }

        [Fact]
        public void Publishes_with_the_engines_defaults_and_a_rerun_changes_nothing()
        {
            var (code, output) = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), "--process", "Minify", "--minifier", "NUglify");

            Assert.True(code == 0, output);
            Assert.Equal("body{margin:0}", _tree.Read("out/css/site.css"));
            Assert.Contains("wrote 2", output);
            var again = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), "--process", "Minify", "--minifier", "NUglify");
            Assert.Contains("wrote 0, skipped 2", again.Output);
        }

        [Fact]
        public void A_link_leading_outside_a_root_is_skipped_with_a_warning_unless_follow_links()
        {
            _tree.Write("outside/key.txt", "top secret");
            Directory.CreateSymbolicLink(_tree.PathOf("src/ext"), "../outside");

            var (code, output) = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"));

            Assert.True(code == 0, output);
            Assert.Contains("MediaSync.LinkOutsideRoot", output);
            Assert.Contains("--follow-links follows it", output);
            Assert.False(_tree.Exists("out/ext"));
            var followed = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), "--follow-links");
            Assert.True(followed.Code == 0, followed.Output);
            Assert.Equal("top secret", _tree.Read("out/ext/key.txt"));
        }

        [Fact]
        public void Publishing_media_into_the_project_that_holds_it_with_delete_exits_2_and_deletes_nothing()
        {
            // issue 24: README.md, main.cs, media/css/{a.css,b.css,i.png}; `publish media --destination . --delete`
            _tree.Write("project/README.md", "# readme");
            _tree.Write("project/main.cs", "class Main { }");
            foreach (var name in new[] { "a.css", "b.css", "i.png" }) _tree.Write("project/media/css/" + name, name);
            var before = _tree.Files("project").Select(f => f + "=" + _tree.Read("project/" + f)).ToArray();

            var (code, output) = CliProcess.Run(_tree.PathOf("project"), "publish", "media", "--destination", ".", "--delete");

            Assert.Equal(2, code);
            Assert.Contains($"ERROR [MediaSync.DestinationOverlapsSource]: Refusing to publish to '{_tree.PathOf("project")}': it contains the source '{_tree.PathOf("project/media")}'", output);
            Assert.Equal(before, _tree.Files("project").Select(f => f + "=" + _tree.Read("project/" + f)).ToArray());
        }

        [Fact]
        public void Messages_spell_options_as_the_command_line_does()
        {
            var (code, output) = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), "--max-delete", "-1");

            Assert.Equal(2, code);
            Assert.Contains("ERROR [MediaSync.ConflictingArguments]: --max-delete cannot be negative.", output);
            Assert.DoesNotContain("-MaxDelete", output);
        }

        [Fact]
        public void A_refused_delete_names_what_it_kept_and_fails_nothing()
        {
            _tree.Write("out/old/a.css", "a");
            _tree.Write("out/old/b.css", "b");

            var (code, output) = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), "--delete", "--max-delete", "1");

            Assert.Contains("exceed --max-delete 1; nothing was deleted. Kept 2 orphan(s): old/a.css, old/b.css.", output);
            Assert.Contains("Deleted 0 of 2", output);
            Assert.True(_tree.Exists("out/old/a.css") && _tree.Exists("out/old/b.css"));
            Assert.Equal(1, code);   // an error was reported
        }

        [Fact]
        public void A_header_rule_with_a_line_break_is_header_invalid_before_the_store_is_contacted()
        {
            var (code, output) = Run("publish", _tree.PathOf("src"), "--s3", "bucket", "--s3-endpoint", "http://127.0.0.1:1", "--path-style",
                "--header-rule", "*.html=Cache-Control: no-cache\r\nX-Injected: 1");

            Assert.Equal(2, code);
            Assert.Contains("ERROR [MediaSync.HeaderInvalid]", output);
            Assert.DoesNotContain("StoreListFailed", output);
        }

        [Fact]
        public void A_header_rule_that_is_not_one_is_refused_with_an_example()
        {
            var (code, output) = Run("publish", _tree.PathOf("src"), "--s3", "bucket", "--s3-endpoint", "http://127.0.0.1:1", "--path-style", "--header-rule", "no-cache");

            Assert.Equal(2, code);
            Assert.Contains("GLOB=Name: value", output);
        }

        [Fact]
        public void Source_map_writes_a_map_beside_each_minified_file_and_is_refused_with_NUglify()
        {
            var (code, output) = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), "--process", "Minify", "--source-map");

            Assert.True(code == 0, output);
            Assert.EndsWith("//# sourceMappingURL=app.js.map\n", _tree.Read("out/js/app.js"));
            Assert.Contains("\"file\":\"app.js\"", _tree.Read("out/js/app.js.map"));
            Assert.True(_tree.Exists("out/css/site.css.map"));

            (code, output) = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out2"), "--process", "Minify", "--minifier", "NUglify", "--source-map");
            Assert.Equal(2, code);
            Assert.Contains("[MediaSync.SourceMapNeedsEsbuild]", output);
        }

        [Fact]
        public void Without_esbuild_the_esbuild_minifier_is_refused_by_name()
        {
            var (code, output) = Run("publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), "--process", "Minify", "--minifier", "Esbuild",
                "--esbuild", _tree.PathOf("no-esbuild"));

            Assert.Equal(2, code);
            Assert.Contains("[MediaSync.EsbuildNotFound]", output);
            Assert.False(_tree.Exists("out"));
        }

        [Theory]
        [InlineData("--s3-endpoint", "ht!tp://", "--s3-endpoint takes an absolute http:// or https:// URL, not 'ht!tp://'", "--s3", "bucket")]
        [InlineData("--azure-sas-url", "not a url?sig=SECRET", "--azure-sas-url takes an absolute http:// or https:// URL, not the one given", "--azure", "c")]
        [InlineData("--azure-account-url", "::", "--azure-account-url takes an absolute http:// or https:// URL, not '::'", "--azure", "c")]
        [InlineData("--swift-auth-url", "ftp://host/auth", "--swift-auth-url takes an absolute http:// or https:// URL, not 'ftp://host/auth'", "--swift", "c")]
        [InlineData("--public-base-url", "cdn.example.com", "--public-base-url takes an absolute http:// or https:// URL, not 'cdn.example.com'", "--s3", "bucket")]
        [InlineData("--request-timeout", "-5", "--request-timeout takes a whole number of at least 1, not '-5'", "--s3", "bucket")]
        [InlineData("--request-timeout", "0", "--request-timeout takes a whole number of at least 1, not '0'")]
        [InlineData("--max-delete", "abc", "--max-delete takes a whole number, not 'abc'")]
        public void A_bad_argument_is_one_clear_message_and_exit_2_never_an_unhandled_exception(string option, string value, string message, params string[] store)
        {
            var (code, output) = Run(new[] { "publish", _tree.PathOf("src"), "--destination", _tree.PathOf("out"), option, value }.Concat(store).ToArray());

            Assert.True(code == 2, output);
            Assert.Contains("mediasync: " + message + "\n", output.Replace("\r", ""));
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("SECRET", output);
            Assert.False(_tree.Exists("out"), "nothing is written after a bad argument");
        }
    }
}