using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Processing.Cache;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    public sealed class ProcessingCacheTests : ProcessingFixture
    {
        /// <summary>Upper-cases text and counts the files it really processed.</summary>
        private sealed class Counting : ICacheableMediaProcessor
        {
            public string CacheIdentity { get; set; } = "upper v1";
            public List<string> Processed { get; } = new List<string>();
            public string Name => "Upper";
            public bool Accepts(MediaFile file) => true;
            public MediaContent? Process(MediaFile file, IEngineHost host)
            {
                Processed.Add(file.RelativePath);
                var text = Encoding.UTF8.GetString(file.Content.ReadAllBytes());
                return text.StartsWith("keep", StringComparison.Ordinal) ? null : MediaContent.FromBytes(Encoding.UTF8.GetBytes(text.ToUpperInvariant()));
            }
        }

        private string CacheFolder => Tree.PathOf("cache");

        private IReadOnlyList<MediaFile> Run(Counting step, ProcessingCache cache, params MediaFile[] files) =>
            MediaProcessing.Run(files, new IMediaProcessor[] { step }, Host, cache);

        /// <summary>Every file in the cache but its CACHEDIR.TAG.</summary>
        private string[] Entries() =>
            Directory.GetFiles(CacheFolder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "CACHEDIR.TAG").ToArray();

        [Fact]
        public void A_second_run_reads_every_output_from_the_cache_and_runs_the_step_on_nothing()
        {
            var files = new[] { Write("a.css", "a { }"), Write("b.js", "keep me") };
            var first = new Counting();
            var expected = Run(first, new ProcessingCache(CacheFolder), files).Select(Text).ToArray();

            var second = new Counting();
            var again = Run(second, new ProcessingCache(CacheFolder), files);

            Assert.Equal(new[] { "a.css", "b.js" }, first.Processed);
            Assert.Empty(second.Processed);
            Assert.Equal(expected, again.Select(Text));
            Assert.Equal(new[] { "A { }", "keep me" }, expected);
            Assert.Same(files[1], again[1]);   // "unchanged" is cached too, and passes the same object on
            Assert.Contains(Host.Verbose, v => v.Contains("2 cache hit(s), 0 miss(es)"));
        }

        [Fact]
        public void A_changed_input_settings_or_tool_version_is_a_miss()
        {
            var file = Write("a.css", "a { }");
            Run(new Counting(), new ProcessingCache(CacheFolder), file);

            var edited = new Counting();
            Assert.Equal("B { }", Text(Run(edited, new ProcessingCache(CacheFolder), Write("a.css", "b { }"))[0]));
            var otherSettings = new Counting { CacheIdentity = "upper v2" };
            Run(otherSettings, new ProcessingCache(CacheFolder), file);
            var upgraded = new Counting();
            Run(upgraded, new ProcessingCache(CacheFolder, "99.0.0"), file);

            Assert.Equal(new[] { "a.css" }, edited.Processed);
            Assert.Equal(new[] { "a.css" }, otherSettings.Processed);
            Assert.Equal(new[] { "a.css" }, upgraded.Processed);
        }

        [Theory]
        [InlineData("flip")]
        [InlineData("truncate")]
        [InlineData("empty")]
        public void A_corrupt_entry_is_a_miss_and_the_output_is_still_right(string damage)
        {
            var file = Write("a.css", "a { color: red }");
            Run(new Counting(), new ProcessingCache(CacheFolder), file);
            var entry = Assert.Single(Entries());
            var bytes = File.ReadAllBytes(entry);
            if (damage == "flip") bytes[bytes.Length - 2] ^= 0x20;
            File.WriteAllBytes(entry, damage == "truncate" ? bytes.Take(bytes.Length - 3).ToArray() : damage == "empty" ? new byte[0] : bytes);

            var step = new Counting();
            var output = Run(step, new ProcessingCache(CacheFolder), file);

            Assert.Equal(new[] { "a.css" }, step.Processed);
            Assert.Equal("A { COLOR: RED }", Text(output[0]));
            Assert.Empty(Host.Errors);
        }

        [Fact]
        public void Deleting_the_cache_folder_between_runs_only_means_misses()
        {
            var file = Write("a.css", "a { }");
            var cache = new ProcessingCache(CacheFolder);
            Run(new Counting(), cache, file);
            Directory.Delete(CacheFolder, recursive: true);

            var step = new Counting();
            Assert.Equal("A { }", Text(Run(step, cache, file)[0]));
            Assert.Equal(new[] { "a.css" }, step.Processed);
            Assert.Equal("A { }", Text(Run(new Counting(), cache, file)[0]));
            Assert.True(Directory.Exists(CacheFolder));
        }

        [Fact]
        public void Concurrent_writers_of_the_same_and_of_other_entries_leave_only_whole_entries()
        {
            var cache = new ProcessingCache(CacheFolder);
            var keys = Enumerable.Range(0, 16).Select(i => cache.KeyFor("k", "hash" + (i % 4), i % 4)).ToArray();
            var content = Enumerable.Range(0, 4).Select(i => Enumerable.Repeat((byte)i, 100_000 + i).ToArray()).ToArray();

            Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n => Assert.True(cache.Put(keys[n % 16], content[n % 4])));

            for (var i = 0; i < 4; i++) Assert.Equal(content[i], new ProcessingCache(CacheFolder).TryGet(keys[i]));
            Assert.Equal(4, Entries().Length);   // no temp file is left
        }

        [Fact]
        public void Nothing_is_written_through_a_planted_link_or_outside_the_folder()
        {
            var cache = new ProcessingCache(CacheFolder);
            var key = cache.KeyFor("k", "hash", 1);
            var outside = Tree.PathOf("outside");
            Directory.CreateDirectory(outside);
            Directory.CreateDirectory(CacheFolder);
            Directory.CreateSymbolicLink(Path.Combine(CacheFolder, key.Substring(0, 2)), outside);
            var linkedRoot = Tree.PathOf("linked-cache");
            Directory.CreateSymbolicLink(linkedRoot, outside);

            Assert.False(cache.Put(key, new byte[] { 1, 2, 3 }));
            Assert.False(new ProcessingCache(linkedRoot).Put(key, new byte[] { 1, 2, 3 }));
            Assert.Null(cache.TryGet(key));
            Assert.Empty(Directory.GetFileSystemEntries(outside));
        }

        [Fact]
        public void A_planted_entry_link_is_never_read_and_is_replaced_not_followed()
        {
            var cache = new ProcessingCache(CacheFolder);
            var key = cache.KeyFor("k", "hash", 1);
            var target = Tree.Write("secret", "do not touch");
            cache.Put(key, new byte[] { 9 });
            var entry = Entries().Single();
            File.Delete(entry);
            File.CreateSymbolicLink(entry, target);

            Assert.Null(cache.TryGet(key));
            Assert.False(cache.Put(key, new byte[] { 1 }));
            Assert.Equal("do not touch", File.ReadAllText(target));
        }
    }
}
