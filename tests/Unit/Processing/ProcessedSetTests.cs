using System.Collections;
using System.IO;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Settings;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>
    /// Sync-Media's whole processing kept as one cache entry: a re-run of the same files and settings runs no step, yet
    /// publishes exactly what a run without the cache does; anything that changes the output misses it.
    /// </summary>
    public sealed class ProcessedSetTests : ProcessingFixture
    {
        private const string NoStepRan = "no step ran";
        private PublishResult[] Sync(string destination, bool cache = true)
        {
            var settings = SettingsReader.FromDictionary(new Hashtable
            {
                ["Roots"] = new[] { "media" },
                ["Store"] = new Hashtable { ["Type"] = "Folder", ["Path"] = destination },
                ["Processors"] = new[] { "Minify" }, ["Fingerprint"] = true, ["Compress"] = true, ["Cache"] = cache,
                ["Manifest"] = "out/manifest.json",
            }, SettingsReader.Defaults(Tree.PathOf("project")), Tree.PathOf("project"), v => v);
            Host.Verbose.Clear();
            Host.Warnings.Clear();
            return SyncJob.Run(new SyncRequest(settings) { Processing = { EsbuildPath = RepoPaths.Esbuild } }, Host).ToArray();
        }

        private string[] Tree_(string folder) =>
            Directory.GetFiles(Tree.PathOf("project/" + folder), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Tree.PathOf("project/" + folder), f).Replace('\\', '/') + " " + System.Convert.ToHexString(System.Security.Cryptography.MD5.HashData(File.ReadAllBytes(f))))
                .OrderBy(s => s, System.StringComparer.Ordinal).ToArray();

        [Fact]
        public void A_rerun_runs_no_step_and_a_new_destination_gets_what_a_run_without_the_cache_writes()
        {
            CopyRealPackage("milligram");
            CopyRealPackage("popperjs-core");
            var first = Sync("public");
            Assert.DoesNotContain(Host.Verbose, v => v.Contains(NoStepRan));
            var again = Sync("public");
            Assert.Contains(Host.Verbose, v => v.Contains(NoStepRan));
            Assert.All(again, r => Assert.Equal(PublishAction.Skipped, r.Action));
            Assert.Equal(first.Length, again.Length);

            // the store is no part of the key: the restored set is written whole, from the cache's copies
            File.Delete(Tree.PathOf("project/out/manifest.json"));
            var restored = Sync("restored");
            Assert.Contains(Host.Verbose, v => v.Contains(NoStepRan));
            Assert.Equal(first.Length, restored.Count(r => r.Action == PublishAction.Created));
            var restoredManifest = File.ReadAllText(Tree.PathOf("project/out/manifest.json"));
            Sync("fresh", cache: false);
            Assert.Empty(Host.Errors);
            Assert.Equal(Tree_("fresh"), Tree_("restored"));
            Assert.Equal(File.ReadAllText(Tree.PathOf("project/out/manifest.json")), restoredManifest);
        }

        [Fact]
        public void A_changed_image_misses_the_set_and_renames_the_stylesheet_that_refers_to_it()
        {
            Tree.Write("project/media/css/a.css", ".a{background:url(../img/i.png)}");
            Tree.Write("project/media/img/i.png", "png-1");
            var first = Sync("public");
            var css = first.Single(r => r.RelativePath.StartsWith("css/a.") && r.RelativePath.EndsWith(".css")).RelativePath;
            // same size, written later, as an editor leaves it
            Tree.Write("project/media/img/i.png", "png-2", minutes: 1);
            var second = Sync("public");
            Assert.DoesNotContain(Host.Verbose, v => v.Contains(NoStepRan));
            var newCss = second.Single(r => r.RelativePath.StartsWith("css/a.") && r.RelativePath.EndsWith(".css") && r.Action == PublishAction.Created).RelativePath;
            Assert.NotEqual(css, newCss);
            Assert.Contains(second, r => r.RelativePath.StartsWith("img/i.") && r.Action == PublishAction.Created);
        }

        [Fact]
        public void A_file_rewritten_within_the_same_second_is_never_taken_for_the_old_one()
        {
            // written just now: its write time could be shared by a second write, so the index does not vouch for it
            var image = Tree.PathOf("project/media/img/i.png");
            Tree.Write("project/media/css/a.css", ".a{background:url(../img/i.png)}");
            Directory.CreateDirectory(Path.GetDirectoryName(image)!);
            File.WriteAllText(image, "png-1");
            var written = File.GetLastWriteTimeUtc(image);
            Sync("public");
            File.WriteAllText(image, "png-2");
            File.SetLastWriteTimeUtc(image, written);
            var second = Sync("public");
            Assert.DoesNotContain(Host.Verbose, v => v.Contains(NoStepRan));
            Assert.Contains(second, r => r.RelativePath.StartsWith("img/i.") && r.Action == PublishAction.Created);
        }

        [Fact]
        public void Warnings_of_the_run_that_made_the_set_are_given_again()
        {
            Tree.Write("project/media/css/a.css", ".a{background:url(gone.png)}");
            Sync("public");
            var warned = Host.Warnings.Where(w => w.Contains("'gone.png'")).ToList();
            Assert.Single(warned);
            Sync("public");
            Assert.Contains(Host.Verbose, v => v.Contains(NoStepRan));
            Assert.Equal(warned, Host.Warnings.Where(w => w.Contains("'gone.png'")).ToList());
        }

        [Fact]
        public void A_damaged_cache_is_a_full_run_again_and_the_output_stays_right()
        {
            CopyRealPackage("milligram");
            Sync("public");
            var cache = Tree.PathOf("project/out/cache");
            // cut every entry the set refers to: objects and step outputs alike
            foreach (var entry in Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).Length == 64))
                File.WriteAllBytes(entry, new byte[] { 1, 2, 3 });
            var after = Sync("public");
            Assert.DoesNotContain(Host.Verbose, v => v.Contains(NoStepRan));
            Assert.Empty(Host.Errors);
            Assert.All(after, r => Assert.Equal(PublishAction.Skipped, r.Action));
        }

        [Fact]
        public void A_processed_file_changed_in_the_destination_is_written_again()
        {
            Tree.Write("project/media/css/a.css", ".a{color:red}\n.b{color:blue}\n");
            var first = Sync("public");
            var css = first.Single(r => r.RelativePath.EndsWith(".css")).Destination;
            Sync("public");
            // same size, a new write time (as any editor leaves it): the index's MD5 is not trusted for it
            File.WriteAllBytes(css, Enumerable.Repeat((byte)'x', (int)new FileInfo(css).Length).ToArray());
            var third = Sync("public");
            Assert.Contains(third, r => r.Destination == css && r.Action == PublishAction.Updated);
        }
    }
}
