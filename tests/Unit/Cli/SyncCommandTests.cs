using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MediaSync.Tests.Pester;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Cli
{
    /// <summary>
    /// mediasync sync against Sync-Media in real pwsh with the built module, on a copy of examples/site and its
    /// mediasync.json: the same destination file by file, the same summary, the same exit codes; --what-if writes nothing.
    /// </summary>
    [Collection("cli")]
    public sealed class SyncCommandTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public SyncCommandTests()
        {
            CopySite(_tree);
            // one settings file per side, each publishing into its own folder
            foreach (var side in new[] { "pwsh", "cli" })
                Settings(side, File.ReadAllText(_tree.PathOf("site/mediasync.json")));
        }

        public void Dispose() => _tree.Dispose();

        /// <summary>examples/site into site/ of <paramref name="tree"/>.</summary>
        internal static void CopySite(TempTree tree)
        {
            var site = Path.Combine(RepoPaths.Root, "examples", "site");
            foreach (var file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories))
            {
                var target = tree.PathOf("site/" + Path.GetRelativePath(site, file).Replace('\\', '/'));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        /// <summary>site/SIDE.json: the example's settings, publishing into out-SIDE.</summary>
        internal static void Settings(TempTree tree, string side, string json) =>
            tree.Write($"site/{side}.json", json.Replace("\"../../out/public\"", $"\"../out-{side}\""));

        private void Settings(string side, string json) => Settings(_tree, side, json);

        private (int Code, string Output, string Summary) SyncMedia(string extra = "")
        {
            var module = Path.Combine(RepoPaths.BuiltModule, "MediaSync.psd1");
            var (code, output) = PesterEnvironment.RunPwsh(new[]
            {
                "-NoProfile", "-NonInteractive", "-Command",
                $"Import-Module '{module}'; Sync-Media -SettingsPath '{_tree.PathOf("site/pwsh.json")}' -Summary {extra} | ForEach-Object {{ 'SUMMARY ' + $_.ToString() }}",
            }, new Dictionary<string, string?>(), TimeSpan.FromMinutes(3));
            return (code, output, SummaryOf(output, "SUMMARY "));
        }

        private (int Code, string Output, string Summary) Sync(params string[] arguments)
        {
            var (code, output) = CliProcess.Run(_tree.PathOf("site"), new[] { "sync", "--settings", _tree.PathOf("site/cli.json"), "--summary" }.Concat(arguments).ToArray());
            return (code, output, SummaryOf(output, ""));
        }

        /// <summary>The summary line without its timing, which is the one part two runs never share.</summary>
        internal static string SummaryOf(string output, string marker) =>
            Regex.Replace(output.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.StartsWith(marker + "Deleted ", StringComparison.Ordinal)
                || line.StartsWith(marker + "Would delete ", StringComparison.Ordinal)) ?? "(no summary in: " + output + ")", @" in [0-9.]+ s", "").Substring(marker.Length);

        private Dictionary<string, byte[]> Contents(string folder) => Contents(_tree, folder);

        internal static Dictionary<string, byte[]> Contents(TempTree tree, string folder)
        {
            var root = tree.PathOf(folder);
            return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllBytes);
        }

        [Fact]
        public void Publishes_the_same_files_byte_for_byte_with_the_same_summary_and_exit_code_as_Sync_Media()
        {
            var pwsh = SyncMedia();
            var cli = Sync();

            Assert.True(pwsh.Code == 0, pwsh.Output);
            Assert.True(cli.Code == 0, cli.Output);
            Assert.StartsWith("Deleted 0 of 0, wrote 1", cli.Summary);
            Assert.Equal(pwsh.Summary, cli.Summary);
            var expected = Contents("out-pwsh");
            var actual = Contents("out-cli");
            Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Contains("manifest.json", actual.Keys);
            Assert.Contains(actual.Keys, key => Regex.IsMatch(key, @"^css/all\.[0-9a-f]{8}\.css\.br$"));
            foreach (var (key, bytes) in expected) Assert.True(bytes.SequenceEqual(actual[key]), $"{key} differs");
        }

        [Fact]
        public void Reads_mediasync_json_in_the_current_folder_when_no_settings_are_given()
        {
            Settings("mediasync", File.ReadAllText(_tree.PathOf("site/cli.json")).Replace("\"../out-cli\"", "\"../out-here\""));
            var cli = Sync();
            var (code, output) = CliProcess.Run(_tree.PathOf("site"), "sync", "--summary");

            Assert.True(code == 0, output);
            Assert.Equal(Contents("out-cli").Keys.OrderBy(k => k, StringComparer.Ordinal), Contents("out-here").Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(cli.Summary, SummaryOf(output, ""));
        }

        [Fact]
        public void A_failed_file_is_exit_1_for_both_with_the_same_summary()
        {
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", _tree.PathOf("site/media/css/pipe.css")))!) mkfifo.WaitForExit();

            var pwsh = SyncMedia();
            var cli = Sync();

            Assert.True(pwsh.Code == 1, pwsh.Output);
            Assert.True(cli.Code == 1, cli.Output);
            Assert.Contains("ERROR [MediaSync.NotAFile]", cli.Output);
            Assert.Contains("pipe.css", cli.Output);
            Assert.StartsWith("Deleted 0 of 0, wrote 12", cli.Summary);   // the other files are published all the same
            Assert.Equal(pwsh.Summary, cli.Summary);
        }

        [Fact]
        public void A_bad_setting_stops_both_before_anything_is_written_with_the_same_error_and_exit_2_from_the_cli()
        {
            foreach (var side in new[] { "pwsh", "cli" })
                Settings(side, File.ReadAllText(_tree.PathOf("site/mediasync.json")).Replace("\"Minify\"", "\"Minfy\""));

            var pwsh = SyncMedia();
            var cli = Sync();

            Assert.True(cli.Code == 2, cli.Output);
            var error = Regex.Match(cli.Output, @"ERROR \[(MediaSync\.\w+)\]: ([^\n]+)");
            Assert.True(error.Success, cli.Output);
            Assert.NotEqual(0, pwsh.Code);   // pwsh -Command exits 1 on any error; the CLI tells a refusal (2) from a failed file (1)
            Assert.Contains(error.Groups[2].Value.Trim().Substring(0, 40), pwsh.Output.Replace("\n", " "));
            Assert.DoesNotContain("Unhandled exception", cli.Output);
            Assert.False(Directory.Exists(_tree.PathOf("out-cli")) || Directory.Exists(_tree.PathOf("out-pwsh")));
        }

        [Fact]
        public void What_if_writes_nothing_and_plans_what_Sync_Media_WhatIf_plans()
        {
            var pwsh = SyncMedia("-WhatIf");
            var (code, output, summary) = Sync("--what-if");

            Assert.True(code == 0, output);
            Assert.StartsWith("Would delete 0 of 0, would write 1", summary);
            Assert.Equal(pwsh.Summary, summary);
            Assert.False(Directory.Exists(_tree.PathOf("out-cli")), "--what-if wrote the destination");
            Assert.False(Directory.Exists(_tree.PathOf("out-pwsh")), "-WhatIf wrote the destination");
            // the plan names every file the real run writes, the manifest included
            var (_, plan) = CliProcess.Run(_tree.PathOf("site"), "sync", "--settings", _tree.PathOf("site/cli.json"), "--what-if");
            Assert.Contains("Created? New           manifest.json", plan);
            Assert.False(Directory.Exists(_tree.PathOf("out-cli")));
        }
    }
}
