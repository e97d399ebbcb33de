using System.Collections;
using System.IO;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Settings;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>A real Sync-Media run twice over real packages, one file changed between: the second runs esbuild on it alone and compresses only what changed.</summary>
    public sealed class CachedSyncTests : ProcessingFixture
    {
        [Fact]
        public void A_second_sync_minifies_only_the_changed_file_and_reads_the_other_twins_from_the_cache()
        {
            CopyRealPackage("milligram");
            CopyRealPackage("internmap");
            // esbuild behind a wrapper that logs each run, so the test counts real invocations
            var log = Tree.PathOf("esbuild.log");
            string wrapper;
            if (System.OperatingSystem.IsWindows()) wrapper = Tree.Write("bin/esbuild.cmd", $"@echo run>>\"{log}\"\r\n@\"{RepoPaths.Esbuild}\" %*\r\n");
            else
            {
                wrapper = Tree.Write("bin/esbuild", $"#!/bin/sh\necho run >> '{log}'\nexec '{RepoPaths.Esbuild}' \"$@\"\n");
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var settings = SettingsReader.FromDictionary(new Hashtable
            {
                ["Roots"] = new[] { "media" },
                ["Store"] = new Hashtable { ["Type"] = "Folder", ["Path"] = "public" },
                ["Processors"] = new[] { "Minify" }, ["Fingerprint"] = true, ["Compress"] = true,
            }, SettingsReader.Defaults(Tree.PathOf("project")), Tree.PathOf("project"), v => v);
            PublishResult[] Sync() => SyncJob.Run(new SyncRequest(settings) { Processing = { EsbuildPath = wrapper } }, Host).ToArray();

            var first = Sync();
            var runsAfterFirst = File.ReadAllLines(log).Length;
            // one stylesheet changes, so the run as a whole is new (no processed set to take) and each step asks its cache
            var changed = Directory.GetFiles(Tree.PathOf("project/media/milligram"), "*.css", SearchOption.AllDirectories).First(f => !f.EndsWith(".min.css"));
            File.AppendAllText(changed, "\n.mediasync-test{color:red}\n");
            Host.Verbose.Clear();
            var second = Sync();

            Assert.Empty(Host.Errors);
            Assert.Equal(1, runsAfterFirst);
            Assert.Equal(2, File.ReadAllLines(log).Length);
            Assert.Contains(first, r => r.Action == PublishAction.Created && r.RelativePath.EndsWith(".br"));
            Assert.Contains(second, r => r.Action == PublishAction.Created && r.RelativePath.EndsWith(".css"));
            Assert.Contains(Host.Verbose, v => v.StartsWith("Minify: ") && v.Contains(" 1 miss(es)"));
            var compress = Assert.Single(Host.Verbose, v => v.StartsWith("Compress: "));
            var counts = System.Text.RegularExpressions.Regex.Match(compress, @"(\d+) cache hit\(s\) of (\d+)");
            // the changed file's twins, and those of the files whose fingerprinted names changed with it, are new
            Assert.True(int.Parse(counts.Groups[1].Value) > int.Parse(counts.Groups[2].Value) / 2, compress);
            Assert.NotEqual(counts.Groups[2].Value, counts.Groups[1].Value);
            Assert.True(Directory.Exists(Tree.PathOf("project/out/cache")));
        }
    }
}
