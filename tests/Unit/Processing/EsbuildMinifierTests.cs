using System;
using System.Collections.Generic;
using System.Diagnostics;
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
    /// <summary>The real esbuild binary that the build ships in the module; nothing is mocked.</summary>
    public sealed class EsbuildMinifierTests : ProcessingFixture
    {

        public EsbuildMinifierTests() =>
            Assert.True(File.Exists(RepoPaths.Esbuild), $"The build did not ship esbuild at {RepoPaths.Esbuild}.");

        private IReadOnlyList<MediaFile> Minify(IReadOnlyList<MediaFile> files, EsbuildOptions? options = null, string? esbuild = null) =>
            MediaProcessing.Run(files, new IMediaProcessor[] { new EsbuildMinifier(esbuild ?? RepoPaths.Esbuild, options ?? new EsbuildOptions()) }, Host);

        private static byte[] Cli(string file, EsbuildOptions options)
        {
            var start = new ProcessStartInfo(RepoPaths.Esbuild) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(file);
            foreach (var flag in options.Flags()) start.ArgumentList.Add(flag);
            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output.ToArray();
        }

        [Fact]
        public void Real_world_inputs_minify_byte_identical_to_the_esbuild_cli_in_one_batch()
        {
            var inputs = new[] { "js", "css" }.SelectMany(kind => Directory.GetFiles(Path.Combine(RepoPaths.SharedBench, "minify", "inputs", kind))).ToList();
            Assert.Equal(10, inputs.Count);
            var files = inputs.Select(f => FromFile(Path.GetFileName(f), f)).ToList();
            var options = new EsbuildOptions();

            var result = Minify(files, options);

            Assert.Empty(Host.Errors);
            for (var i = 0; i < files.Count; i++)
            {
                Assert.Equal(new[] { "Minify" }, result[i].Processors);
                Assert.True(result[i].Length < files[i].Length, $"{files[i].RelativePath} did not shrink");
                Assert.True(Cli(inputs[i], options).SequenceEqual(result[i].Content.ReadAllBytes()), $"{files[i].RelativePath} differs from the esbuild CLI");
            }
            var react = result.Single(f => f.RelativePath.StartsWith("react-dom", StringComparison.Ordinal));
            Assert.True(react.Length > 100_000, "the development build was stripped: NODE_ENV must not be defined as production");
        }

        [Fact]
        public void Tricky_javascript_prints_the_same_in_node_before_and_after()
        {
            var cases = Directory.GetFiles(Path.Combine(RepoPaths.SharedBench, "minify", "tricky", "js"), "*.js").OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(cases);
            var result = Minify(cases.Select(f => FromFile(Path.GetFileName(f), f)).ToList());
            Assert.Empty(Host.Errors);
            for (var i = 0; i < cases.Count; i++)
            {
                var minified = Tree.Write("min/" + Path.GetFileName(cases[i]), Text(result[i]));
                Assert.NotEqual(File.ReadAllText(cases[i]), File.ReadAllText(minified));
                Assert.Equal(NodeTools.RunJs(cases[i]), NodeTools.RunJs(minified));
            }
        }

        [Fact]
        public void Development_builds_keep_their_NODE_ENV_checks()
        {
            var file = Write("dev.js", "if (process.env.NODE_ENV !== 'production') { console.log('development branch'); }\n");
            Assert.Contains("development branch", Text(Minify(new[] { file })[0]));
        }

        [Fact]
        public void A_file_esbuild_rejects_keeps_its_bytes_with_the_file_and_line_and_the_rest_is_minified()
        {
            var bad = Write("js/bad.js", "var ok = 1;\nlet = ;\n");
            var good = Write("js/good.js", "function add(first, second) { return first + second; }\nconsole.log(add(1, 2));\n");
            var css = Write("css/site.css", "body  {  color :  red ; }\n");

            var result = Minify(new[] { bad, good, css });

            Assert.Same(bad, result[0]);
            Assert.Equal(new[] { "Minify" }, result[1].Processors);
            Assert.Equal("body{color:red}\n", Text(result[2]));
            var error = Assert.Single(Host.Errors);
            Assert.Equal("MediaSync.EsbuildRejected", error.Id);
            Assert.Contains("js/bad.js:2:", error.Message);
            Assert.Empty(Host.Warnings); // the error alone reports it
        }

        /// <summary>An esbuild stand-in that logs each run's working folder and arguments (one line each) to runs.log.</summary>
        private string LoggingEsbuild(string body = "exec '{esbuild}' \"$@\"")
        {
            var wrapper = Tree.Write("bin/esbuild-logging", "#!/bin/sh\necho \"$(pwd) $*\" >> '" + Tree.PathOf("runs.log") + "'\n" + body.Replace("{esbuild}", RepoPaths.Esbuild) + "\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return wrapper;
        }

        private string[] Runs() => File.ReadAllLines(Tree.PathOf("runs.log"));

        /// <summary>The folder a logged run worked in: the minifier's scratch folder.</summary>
        private static string WorkingFolderOf(string run) => run.Substring(0, run.IndexOf(" --", StringComparison.Ordinal));

        [Fact]
        public void A_thousand_files_cost_one_silent_esbuild_process_and_leave_no_temp_folder()
        {
            var files = Enumerable.Range(0, 1000).Select(i => Write($"js/d{i % 10}/f{i}.js", $"var value{i} = {i} + {i};")).ToList();
            files.Add(Write("css/a.css", "a { color: red }"));

            var result = Minify(files, esbuild: LoggingEsbuild());

            var run = Assert.Single(Runs());
            Assert.Contains("--log-level=silent", run);
            Assert.All(result, f => Assert.Equal(new[] { "Minify" }, f.Processors));
            Assert.Equal("var value7=14;\n", Text(result[7]));
            var workingFolder = WorkingFolderOf(run);
            Assert.StartsWith(Path.GetTempPath().TrimEnd('/'), workingFolder);
            Assert.False(Directory.Exists(workingFolder), $"{workingFolder} is left behind");
        }

        [Fact]
        public void Only_a_failed_run_is_repeated_with_messages_and_then_the_rest_runs_without_the_rejected_file()
        {
            var bad = Write("js/bad.js", "let = ;\n");
            var good = Write("js/good.js", "var a = 1 + 2;\n");

            var result = Minify(new[] { bad, good }, esbuild: LoggingEsbuild());

            var runs = Runs();
            Assert.Equal(3, runs.Length);
            Assert.Contains("--log-level=silent", runs[0]);
            Assert.Contains("--log-level=error", runs[1]);
            Assert.Contains("--log-level=silent", runs[2]);
            Assert.Contains("bad.js", runs[1]);
            Assert.DoesNotContain("bad.js", runs[2]);
            Assert.Same(bad, result[0]);
            Assert.Equal("var a=3;\n", Text(result[1]));
            Assert.Equal("MediaSync.EsbuildRejected", Assert.Single(Host.Errors).Id);
            var workingFolder = WorkingFolderOf(runs[0]);
            Assert.False(Directory.Exists(workingFolder), $"{workingFolder} is left behind");
        }

        [Fact]
        public void Ctrl_C_kills_a_running_esbuild_instead_of_waiting_for_it()
        {
            var pidFile = Tree.PathOf("esbuild.pid");
            var esbuild = LoggingEsbuild($"echo $$ > '{pidFile}'\nexec sleep 120");
            var file = Write("js/app.js", "var a = 1;\n");
            Host.Stop.CancelAfter(TimeSpan.FromMilliseconds(500));
            var clock = Stopwatch.StartNew();

            Assert.ThrowsAny<OperationCanceledException>(() => Minify(new[] { file }, esbuild: esbuild));

            // The bound only catches a hang: without the kill this waits the full two minutes.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
            var pid = int.Parse(File.ReadAllText(pidFile).Trim());
            Assert.False(Directory.Exists("/proc/" + pid) && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), $"esbuild (pid {pid}) still runs");
        }

        [Fact]
        public void The_module_esbuild_unpacked_without_its_execute_bit_gets_it_back_and_minifies()
        {
            var shipped = Tree.PathOf($"module/runtimes/{EsbuildLocator.RuntimeId}/{EsbuildLocator.ExecutableName}");
            Directory.CreateDirectory(Path.GetDirectoryName(shipped)!);
            File.Copy(RepoPaths.Esbuild, shipped);
            File.SetUnixFileMode(shipped, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var file = Write("js/app.js", "var a = 1 + 2;\n");

            var minify = BuiltInProcessors.Create("Minify", new ProcessorSettings { ModuleRoot = Tree.PathOf("module") });
            var result = MediaProcessing.Run(new[] { file }, new[] { minify }, Host);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, File.GetUnixFileMode(shipped));
            Assert.Equal("var a=3;\n", Text(result[0]));
            Assert.Empty(Host.Errors);
        }

        [Fact]
        public void An_explicit_esbuild_without_execute_permission_is_refused_with_the_command_that_mends_it()
        {
            var path = Tree.Write("bin/esbuild", "not a program");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var error = Assert.Throws<MediaSyncException>(() => BuiltInProcessors.Create("Minify", new ProcessorSettings { EsbuildPath = path })).Error;

            Assert.Equal("MediaSync.EsbuildNotExecutable", error.Id);
            Assert.Equal($"Run: chmod +x '{path}'", error.RecommendedAction);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));   // a file the user named is left as it is
        }

        [Theory]
        [InlineData("js/app.js", true)]
        [InlineData("js/app.MJS", true)]
        [InlineData("js/app.cjs", true)]
        [InlineData("css/site.css", true)]
        [InlineData("js/vendor.min.js", false)]
        [InlineData("css/lib.MIN.css", false)]
        [InlineData("js/admin.js.map", false)]
        [InlineData("img/min.svg", false)]
        public void Only_javascript_and_css_not_minified_already_are_taken(string key, bool taken) =>
            Assert.Equal(taken, new EsbuildMinifier(RepoPaths.Esbuild, new EsbuildOptions()).Accepts(TestMedia.InMemory(key, "x", TempTree.BaseTime)));

        [Fact]
        public void Module_flavours_with_one_stem_do_not_collide_and_keep_their_extensions()
        {
            var js = Write("lib/x.js", "var a = 1 + 1;");
            var mjs = Write("lib/x.mjs", "export const b = 2 * 2;");
            var cjs = Write("lib/x.cjs", "module.exports = 3 - 1;");

            var result = Minify(new[] { js, mjs, cjs });

            Assert.Equal(new[] { "lib/x.js", "lib/x.mjs", "lib/x.cjs" }, result.Select(f => f.RelativePath));
            Assert.Equal("var a=2;\n", Text(result[0]));
            Assert.Equal("export const b=4;\n", Text(result[1]));
            Assert.Equal("module.exports=2;\n", Text(result[2]));
        }

        [Fact]
        public void Names_with_spaces_unicode_and_url_characters_minify()
        {
            var files = new[] { "a b/c d.js", "café/straße.css", "100%+&;=#.js" }.Select(k => Write(k, k.EndsWith(".css") ? "p { margin : 0 }" : "var  x = 1 ;")).ToList();
            var result = Minify(files);
            Assert.Empty(Host.Errors);
            Assert.All(result, f => Assert.Equal(new[] { "Minify" }, f.Processors));
        }

        [Fact]
        public void Options_map_to_esbuild_flags()
        {
            var file = Write("k.js", "/*! keep me */\nfunction LongName() { return 'é'; }\nconsole.log(LongName.name);\n");
            var options = new EsbuildOptions { KeepNames = true, Utf8Charset = true, LegalComments = "none", Target = "es2015" };

            var text = Text(Minify(new[] { file }, options)[0]);

            Assert.DoesNotContain("keep me", text);
            Assert.Contains("é", text);
            Assert.Contains("\"LongName\"", text);
        }

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("with space", "\"with space\"")]
        [InlineData("quote\"in", "\"quote\\\"in\"")]
        [InlineData(@"trailing\", @"""trailing\\""")]
        public void Arguments_are_quoted_for_the_command_line(string argument, string expected) =>
            Assert.Equal(expected, MediaSync.Platform.CommandLine.Quote(argument));
    }
}
