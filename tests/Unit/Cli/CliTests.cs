using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Cli
{
    /// <summary>The mediasync command line as a machine without PowerShell runs it: the same engine, its own spelling.</summary>
    public sealed class CliTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public CliTests()
        {
            _tree.Write("src/css/site.css", "body  {  margin :  0 ; }\n");
            _tree.Write("src/js/app.js", "function add(first, second) { return first + second; }\n");
        }

        public void Dispose() => _tree.Dispose();

        private (int Code, string Output) Run(params string[] arguments) => RunIn(null, arguments);

        private (int Code, string Output) RunIn(string? folder, params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (folder != null) start.WorkingDirectory = folder;
            start.ArgumentList.Add(RepoPaths.Cli);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "mediasync did not finish");
            return (process.ExitCode, output + stderr.Result);
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
        public void Publishing_media_into_the_project_that_holds_it_with_delete_exits_2_and_deletes_nothing()
        {
            // issue 24: README.md, main.cs, media/css/{a.css,b.css,i.png}; `publish media --destination . --delete`
            _tree.Write("project/README.md", "# readme");
            _tree.Write("project/main.cs", "class Main { }");
            foreach (var name in new[] { "a.css", "b.css", "i.png" }) _tree.Write("project/media/css/" + name, name);
            var before = _tree.Files("project").Select(f => f + "=" + _tree.Read("project/" + f)).ToArray();

            var (code, output) = RunIn(_tree.PathOf("project"), "publish", "media", "--destination", ".", "--delete");

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
        public void A_header_rule_that_is_not_one_is_refused_with_an_example()
        {
            var (code, output) = Run("publish", _tree.PathOf("src"), "--s3", "bucket", "--s3-endpoint", "http://127.0.0.1:1", "--path-style", "--header-rule", "no-cache");

            Assert.Equal(2, code);
            Assert.Contains("GLOB=Name: value", output);
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
    }
}
