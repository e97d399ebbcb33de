using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Content;
using MediaSync.Publishing;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>
    /// The plan is consumed as it is made (issue 27: a no-op of a big tree holds no step per file): skips stream out and
    /// are forgotten, writes are kept for the waves, deletes come last; on real files from ../shared/real-world.
    /// </summary>
    public sealed class StreamedPlanTests : PublisherFixture
    {
        private static string RealMedia => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "real-world", "site", "media"));

        /// <summary>Copies real icons and a real stylesheet into the source, writable (the kit's files are read-only).</summary>
        private void CopyRealMedia()
        {
            foreach (var folder in new[] { "img/icons", "vendor/milligram" })
                foreach (var path in Directory.GetFiles(Path.Combine(RealMedia, folder), "*", SearchOption.AllDirectories))
                {
                    var key = Path.GetRelativePath(RealMedia, path).Replace('\\', '/');
                    var target = Path.Combine(Source, key);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(path, target);
                    File.SetAttributes(target, FileAttributes.Normal);
                    File.SetLastWriteTimeUtc(target, TempTree.BaseTime);
                }
        }

        [Fact]
        public void Steps_are_made_one_at_a_time_as_they_are_asked_for()
        {
            CopyRealMedia();
            var files = Discover();
            var local = new Counting<LocalObject>(files.Select(f => new LocalObject(f, new HeaderPolicy().For(f, TempTree.BaseTime))).ToList());
            var remote = PublishDiff.ByKey(files.Select(f => new StoredObject(f.RelativePath, f.Length, f.Hash)));

            var first = PublishDiff.Steps(local, remote, new DiffRules()).First();

            Assert.Equal((StepKind.Skip, PublishReason.Unchanged, files[0].RelativePath), (first.Kind, first.Reason, first.Key));
            Assert.Equal(1, local.Taken);
            Assert.True(files.Count > 40);
        }

        [Fact]
        public void A_rerun_streams_skips_in_discovery_order_then_writes_assets_before_pages_then_deletes_with_progress_totals_of_the_writes()
        {
            CopyRealMedia();
            Tree.Write("src/index.html", "<link rel=stylesheet href=vendor/milligram/dist/milligram.css>");
            Publish(r => r.Delete = true);
            var css = Path.Combine(Source, "vendor", "milligram", "dist", "milligram.css");
            File.AppendAllText(css, "\n/* changed */\n");
            Tree.Write("src/index.html", "<link rel=stylesheet href=vendor/milligram/dist/milligram.min.css>");
            Tree.Write("src/img/icons/new.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
            File.Delete(Path.Combine(Source, "img", "icons", "apache", "back.gif"));
            var files = Discover();

            var results = Publish(r => r.Delete = true, files);

            var keys = results.Select(r => (r.RelativePath, r.Action, r.Reason)).ToList();
            var skipped = files.Select(f => f.RelativePath).Where(k => k != "index.html" && k != "img/icons/new.svg" && k != "vendor/milligram/dist/milligram.css")
                .Select(k => (k, PublishAction.Skipped, PublishReason.Unchanged));
            var expected = skipped.Concat(new[]
            {
                ("img/icons/new.svg", PublishAction.Created, PublishReason.New),
                ("vendor/milligram/dist/milligram.css", PublishAction.Updated, PublishReason.SizeChanged),
                ("index.html", PublishAction.Updated, PublishReason.SizeChanged),
                ("img/icons/apache/back.gif", PublishAction.Deleted, PublishReason.Orphan),
            }).ToList();
            // the writes of one wave finish in any order; waves and everything else keep theirs
            Assert.Equal(expected.Take(expected.Count - 4), keys.Take(keys.Count - 4));
            Assert.Equal(expected.Skip(expected.Count - 4).Take(2).OrderBy(k => k.Item1), keys.Skip(keys.Count - 4).Take(2).OrderBy(k => k.Item1));
            Assert.Equal(expected.Skip(expected.Count - 2), keys.Skip(keys.Count - 2));
            var written = new FileInfo(css).Length + new FileInfo(Path.Combine(Source, "index.html")).Length + new FileInfo(Path.Combine(Source, "img", "icons", "new.svg")).Length;
            var done = Host.Progress.Last();
            Assert.Equal((written, 3), (done.BytesTotal, done.ItemsTotal));
            Assert.False(File.Exists(Path.Combine(Out, "img", "icons", "apache", "back.gif")));
        }

        [Fact]
        public void Duplicates_and_case_twins_are_skipped_before_the_plan_and_the_rest_is_a_no_op()
        {
            CopyRealMedia();
            Publish();
            var files = Discover();
            var twin = files.First(f => f.RelativePath == "vendor/milligram/dist/milligram.css");
            var upper = new MediaFile("vendor/milligram/dist/Milligram.css", twin.FullName, twin.Source, twin.SourceRoot, twin.Content, twin.LastWriteTimeUtc);
            var input = files.Concat(new[] { twin, upper }).ToList();

            var results = Publish(r => r.CaseSensitiveDestination = false, input);

            Assert.Equal(new[] { PublishReason.DuplicateKey, PublishReason.CaseConflict }, results.Take(2).Select(r => r.Reason));
            Assert.All(results.Skip(2), r => Assert.Equal((PublishAction.Skipped, PublishReason.Unchanged), (r.Action, r.Reason)));
            Assert.Equal(files.Select(f => f.RelativePath), results.Skip(2).Select(r => r.RelativePath));
        }

        [Fact]
        public void A_stored_stamp_is_read_without_making_the_files_own_and_a_processed_file_never_matches()
        {
            CopyRealMedia();
            var file = Discover().First(f => f.RelativePath.EndsWith(".png", StringComparison.Ordinal));
            var stamp = SourceStamp.Of(file)!;

            Assert.True(SourceStamp.Matches(stamp, file));
            Assert.False(SourceStamp.Matches((file.Length + 1) + stamp.Substring(stamp.IndexOf(':')), file));
            Assert.False(SourceStamp.Matches(stamp + "0", file));
            foreach (var garbage in new[] { "", ":", "12:", ":12", "a:b", "-1:-1", stamp.Replace(':', ';'), "99999999999999999999:1" })
                Assert.False(SourceStamp.Matches(garbage, file), garbage);
            Assert.False(SourceStamp.Matches(stamp, file.Derive(new MemoryContent(file.ReadAllBytes()), "Minify")));
        }

        [Fact]
        public void A_header_fetch_that_fails_is_made_once_and_its_failure_met_on_every_read()
        {
            var calls = 0;
            var stored = new StoredObject("a.css", 1, "00", headersOnDemand: () => { calls++; throw new IOException("HEAD refused " + calls); });

            var first = Assert.Throws<IOException>(() => stored.Headers);
            var second = Assert.Throws<IOException>(() => stored.Headers);

            Assert.Equal(("HEAD refused 1", "HEAD refused 1", 1), (first.Message, second.Message, calls));
        }

        /// <summary>A list that counts how many of its items were taken.</summary>
        private sealed class Counting<T> : IEnumerable<T>
        {
            private readonly IReadOnlyList<T> _items;

            public Counting(IReadOnlyList<T> items) => _items = items;

            public int Taken { get; private set; }

            public IEnumerator<T> GetEnumerator()
            {
                foreach (var item in _items)
                {
                    Taken++;
                    yield return item;
                }
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
