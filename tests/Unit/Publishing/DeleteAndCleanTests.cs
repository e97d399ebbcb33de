using System;
using System.IO;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Reporting;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    public sealed class DeleteAndCleanTests : PublisherFixture
    {
        public DeleteAndCleanTests()
        {
            Tree.Write("src/a.css", "aaaa");
            Tree.Write("src/js/b.js", "bbbb");
        }

        [Fact]
        public void Delete_removes_orphans_after_the_writes_and_prunes_emptied_folders()
        {
            Tree.Write("out/old.css", "x");
            Tree.Write("out/gone/deep/c.js", "x");
            Tree.Write("out/.htaccess", "hidden files are not MediaSync's");

            var results = Publish(r => r.Delete = true);

            var deleted = results.Where(r => r.Action == PublishAction.Deleted).ToArray();
            Assert.Equal(new[] { "gone/deep/c.js", "old.css" }, deleted.Select(r => r.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
            Assert.All(deleted, r => Assert.Equal(PublishReason.Orphan, r.Reason));
            Assert.Equal(new[] { ".htaccess", "a.css", "js/b.js" }, Tree.Files("out"));
            Assert.False(Directory.Exists(Tree.PathOf("out/gone")));
            Assert.Same(results.Last(), deleted.Last()); // deletes come after every write
        }

        [Fact]
        public void Without_Delete_orphans_stay()
        {
            Tree.Write("out/old.css", "x");
            Publish();
            Assert.True(Tree.Exists("out/old.css"));
        }

        [Fact]
        public void More_orphans_than_MaxDelete_deletes_nothing()
        {
            for (var i = 0; i < 4; i++) Tree.Write($"out/old{i}.css", "x");

            Publish(r => { r.Delete = true; r.MaxDelete = 3; });

            Assert.Equal("MediaSync.DeleteLimitExceeded", Host.ErrorIds.Single());
            Assert.Equal(6, Tree.Files("out").Length);
        }

        [Fact]
        public void Input_found_without_one_of_its_roots_deletes_nothing_and_says_which_root()
        {
            Tree.Write("out/old.css", "x");
            Tree.Write("out/other/from-missing-root.css", "x");
            var request = new MediaSync.Discovery.MediaDiscoveryRequest();
            request.Roots.Add(Source);
            request.Roots.Add(Tree.PathOf("missing-root"));
            var files = MediaSync.Discovery.MediaDiscovery.Discover(request, new Support.RecordingHost()).ToList();

            var results = Publish(r => r.Delete = true, files);

            Assert.DoesNotContain(results, r => r.Action == PublishAction.Deleted);
            var refusal = Host.Errors.Single();
            Assert.Equal("MediaSync.DeleteRefusedIncompleteInput", refusal.Id);
            Assert.Contains(Tree.PathOf("missing-root"), refusal.Message);
            Assert.True(Tree.Exists("out/old.css") && Tree.Exists("out/other/from-missing-root.css"));
            Assert.True(Tree.Exists("out/a.css")); // the files that were found are still published
        }

        [Fact]
        public void An_empty_input_deletes_nothing()
        {
            Tree.Write("out/old.css", "x");

            var results = Publish(r => r.Delete = true, files: Array.Empty<MediaFile>());

            // the orphan it kept is reported, as for a store, so the summary says "Deleted 0 of 1"
            var kept = Assert.Single(results);
            Assert.Equal((PublishAction.Skipped, PublishReason.Orphan, "old.css"), (kept.Action, kept.Reason, kept.RelativePath));
            Assert.Equal("MediaSync.NothingToPublish", Host.ErrorIds.Single());
            Assert.Contains("Kept 1 orphan(s): old.css.", Host.Errors.Single().Message);
            Assert.True(Tree.Exists("out/old.css"));
        }

        [Fact]
        public void A_failed_write_deletes_nothing()
        {
            Tree.Write("out/old.css", "x");
            var files = Discover();
            File.Delete(Tree.PathOf("src/a.css"));

            Publish(r => r.Delete = true, files);

            Assert.Equal(new[] { "MediaSync.SourceUnreadable", "MediaSync.DeleteSkippedAfterFailures" }, Host.ErrorIds);
            Assert.True(Tree.Exists("out/old.css"));
        }

        [Fact]
        public void Delete_removes_an_orphaned_link_but_never_what_it_points_to()
        {
            Tree.Write("shared/keep/file.css", "keep");
            Directory.CreateDirectory(Out);
            Directory.CreateSymbolicLink(Tree.PathOf("out/linked-folder"), Tree.PathOf("shared/keep"));
            File.CreateSymbolicLink(Tree.PathOf("out/linked.css"), Tree.PathOf("shared/keep/file.css"));

            Publish(r => r.Delete = true);

            Assert.False(Tree.Exists("out/linked-folder"));
            Assert.False(Tree.Exists("out/linked.css"));
            Assert.Equal("keep", Tree.Read("shared/keep/file.css"));
        }

        [Fact]
        public void WhatIf_plans_writes_and_deletes_and_changes_nothing()
        {
            Publish();
            Tree.Write("src/a.css", "AAAAAA");
            Tree.Write("src/new.css", "n");
            Tree.Write("out/old.css", "x");
            var before = Snapshot();

            var results = Publish(r => { r.Delete = true; r.WhatIf = true; });

            Assert.Equal(before, Snapshot());
            Assert.Equal((PublishAction.Updated, PublishReason.SizeChanged), (For(results, "a.css").Action, For(results, "a.css").Reason));
            Assert.Equal(PublishAction.Created, For(results, "new.css").Action);
            Assert.Equal((PublishAction.Deleted, PublishReason.Orphan), (For(results, "old.css").Action, For(results, "old.css").Reason));
            Assert.Equal(PublishReason.Unchanged, For(results, "js/b.js").Reason);
            Assert.All(results.Where(r => r.Action != PublishAction.Skipped), r => Assert.True(r.WhatIf));
        }

        [Fact]
        public void WhatIf_into_a_missing_destination_does_not_create_it()
        {
            var results = Publish(r => r.WhatIf = true);
            Assert.Equal(2, results.Count(r => r.Action == PublishAction.Created && r.WhatIf));
            Assert.False(Directory.Exists(Out));
        }

        [Fact]
        public void Declining_a_file_skips_it()
        {
            Host.Approve = false;
            var results = Publish();
            Assert.All(results, r => Assert.Equal((PublishAction.Skipped, PublishReason.Declined), (r.Action, r.Reason)));
            Assert.False(Directory.Exists(Out));
        }

        [Fact]
        public void Clean_empties_the_destination_then_copies_after_one_high_impact_confirmation()
        {
            Tree.Write("out/old/x.css", "x");
            Tree.Write("out/.hidden", "h");
            Tree.Write("out/a.css", "stale");

            var results = Publish(r => r.Overwrite = OverwriteStrategy.Clean);

            Assert.Single(Host.Asked, a => a.StartsWith("HIGH "));
            Assert.Equal(3, results.Count(r => r.Action == PublishAction.Deleted && r.Reason == PublishReason.Clean));
            Assert.Equal(2, results.Count(r => r.Action == PublishAction.Created && r.Reason == PublishReason.New));
            Assert.Equal(new[] { "a.css", "js/b.js" }, Tree.Files("out"));
            Assert.False(Directory.Exists(Tree.PathOf("out/old")));
        }

        [Fact]
        public void Declined_clean_changes_nothing()
        {
            Tree.Write("out/old.css", "x");
            Host.ApproveHighImpact = false;

            var results = Publish(r => r.Overwrite = OverwriteStrategy.Clean);

            Assert.Empty(results);
            Assert.Equal(new[] { "old.css" }, Tree.Files("out"));
        }

        [Fact]
        public void Clean_under_WhatIf_shows_deletes_and_copies_and_changes_nothing()
        {
            Tree.Write("out/old.css", "x");
            Tree.Write("out/a.css", "aaaa");

            var results = Publish(r => { r.Overwrite = OverwriteStrategy.Clean; r.WhatIf = true; });

            Assert.Equal(2, results.Count(r => r.Action == PublishAction.Deleted && r.WhatIf));
            Assert.Equal(2, results.Count(r => r.Action == PublishAction.Created && r.WhatIf));
            Assert.Equal(new[] { "a.css", "old.css" }, Tree.Files("out"));
        }

        [Fact]
        public void Clean_deletes_links_in_the_destination_but_never_their_targets()
        {
            Tree.Write("shared/keep/file.css", "keep");
            Directory.CreateDirectory(Out);
            Directory.CreateSymbolicLink(Tree.PathOf("out/linked-folder"), Tree.PathOf("shared/keep"));
            Publish(r => r.Mode = PublishMode.Link);  // links into the source itself

            Publish(r => r.Overwrite = OverwriteStrategy.Clean);

            Assert.Equal("keep", Tree.Read("shared/keep/file.css"));
            Assert.Equal("aaaa", Tree.Read("src/a.css"));
            Assert.Equal(new[] { "a.css", "js/b.js" }, Tree.Files("out"));
            Assert.Null(new FileInfo(Tree.PathOf("out/a.css")).LinkTarget);
        }

        [Theory]
        [InlineData("root")]
        [InlineData("home")]
        [InlineData("inside-source")]
        [InlineData("contains-source")]
        [InlineData("empty-input")]
        public void Clean_refuses_destinations_whose_loss_was_not_asked_for(string place)
        {
            var files = Discover();
            var destination = place switch
            {
                "root" => Path.GetPathRoot(Tree.Root)!,
                "home" => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                "inside-source" => Tree.PathOf("src/js"),
                "contains-source" => Tree.Root,
                _ => Out,
            };
            if (place == "empty-input") files.Clear();
            var request = new PublishRequest(destination) { Overwrite = OverwriteStrategy.Clean };

            var error = Assert.Throws<MediaSyncException>(() => Publisher.Publish(request, files, Host)).Error;

            // A folder inside or around a source is refused in every mode, with the one overlap error (issue 24).
            var expected = place == "empty-input" ? "MediaSync.NothingToPublish" : place.EndsWith("-source", StringComparison.Ordinal) ? "MediaSync.DestinationOverlapsSource" : "MediaSync.CleanRefused";
            Assert.Equal(expected, error.Id);
            Assert.Equal("aaaa", Tree.Read("src/a.css"));
        }

        private string[] Snapshot() =>
            Tree.Files().Select(f => f + "=" + File.ReadAllText(Tree.PathOf(f)) + "@" + File.GetLastWriteTimeUtc(Tree.PathOf(f)).Ticks).ToArray();
    }
}
