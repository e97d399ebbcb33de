using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using MediaSync.Tests.Pester;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Cli
{
    /// <summary>
    /// The CLI as the .NET tool MediaSync.Cli: build.ps1 -Task ToolPackage packs it (the step -Task Package runs), and
    /// dotnet tool install from a folder feed of that one package gives a mediasync that syncs exactly as the built CLI.
    /// In the "cli" collection: the pack rebuilds the CLI the other CLI tests run.
    /// </summary>
    [Collection("cli")]
    public sealed class ToolPackageTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        [Fact]
        public void The_tool_package_installs_from_a_folder_feed_and_its_mediasync_sync_publishes_what_the_built_cli_does()
        {
            var configuration = RepoPaths.Cli.Replace('\\', '/').Contains("/bin/Debug/") ? "Debug" : "Release";
            var (built, log) = PesterEnvironment.RunPwsh(new[] { "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepoPaths.Root, "build.ps1"), "-Task", "ToolPackage", "-Configuration", configuration },
                new Dictionary<string, string?>(), TimeSpan.FromMinutes(8));
            Assert.True(built == 0, log);
            var version = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "module", "MediaSync.psd1")), @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
            var package = Path.Combine(RepoPaths.Root, "out", "packages", $"MediaSync.Cli.{version}.nupkg");
            using (var zip = ZipFile.OpenRead(package))
                Assert.Contains(zip.Entries, entry => entry.FullName.EndsWith("/runtimes/linux-x64/esbuild", StringComparison.Ordinal));
            // a feed of that one package, and a package cache of the test's own, so no older copy of this version is used
            Directory.CreateDirectory(_tree.PathOf("feed"));
            File.Copy(package, _tree.PathOf($"feed/MediaSync.Cli.{version}.nupkg"));
            var (installed, output) = CliProcess.Start("dotnet", _tree.Root, Array.Empty<string>(),
                new[] { "tool", "install", "--tool-path", _tree.PathOf("tools"), "MediaSync.Cli", "--version", version, "--add-source", _tree.PathOf("feed") },
                new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _tree.PathOf("nuget") });
            Assert.True(installed == 0, output);

            SyncCommandTests.CopySite(_tree);
            var settings = File.ReadAllText(_tree.PathOf("site/mediasync.json"));
            SyncCommandTests.Settings(_tree, "tool", settings);
            SyncCommandTests.Settings(_tree, "cli", settings);
            var tool = CliProcess.Start(_tree.PathOf("tools/mediasync"), _tree.PathOf("site"), Array.Empty<string>(), new[] { "sync", "--settings", "tool.json", "--summary" });
            var cli = CliProcess.Run(_tree.PathOf("site"), "sync", "--settings", "cli.json", "--summary");

            Assert.True(tool.Code == 0, tool.Output);
            Assert.True(cli.Code == 0, cli.Output);
            Assert.DoesNotContain("WARNING", tool.Output);   // esbuild ran from the package: no fallback
            Assert.StartsWith("Deleted 0 of 0, wrote 1", SyncCommandTests.SummaryOf(tool.Output, ""));
            Assert.Equal(SyncCommandTests.SummaryOf(cli.Output, ""), SyncCommandTests.SummaryOf(tool.Output, ""));
            var expected = SyncCommandTests.Contents(_tree, "out-cli");
            var actual = SyncCommandTests.Contents(_tree, "out-tool");
            Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var (key, bytes) in expected) Assert.True(bytes.SequenceEqual(actual[key]), $"{key} differs");
        }
    }
}
