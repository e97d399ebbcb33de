using System;
using System.IO;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    public sealed class CopyStrategyTests : PublisherFixture
    {
        public CopyStrategyTests()
        {
            Tree.Write("src/a.css", "aaaa", minutes: 1);
            Tree.Write("src/js/b.js", "bbbb", minutes: 2);
        }

        [Fact]
        public void First_publish_creates_every_file_with_content_and_write_time()
        {
            var results = Publish();

            Assert.All(results, r => Assert.Equal((PublishAction.Created, PublishReason.New), (r.Action, r.Reason)));
            Assert.Equal(new[] { "a.css", "js/b.js" }, Tree.Files("out"));
            Assert.Equal("bbbb", Tree.Read("out/js/b.js"));
            Assert.Equal(TempTree.BaseTime.AddMinutes(2), File.GetLastWriteTimeUtc(Tree.PathOf("out/js/b.js")));
            Assert.Equal(4, For(results, "a.css").Bytes);
            Assert.Equal(Tree.PathOf("out/a.css"), For(results, "a.css").Destination);
        }

        [Fact]
        public void IfChanged_skips_unchanged_and_names_size_and_hash_changes()
        {
            Publish();
            Assert.All(Publish(), r => Assert.Equal((PublishAction.Skipped, PublishReason.Unchanged), (r.Action, r.Reason)));

            Tree.Write("src/a.css", "AAAA", minutes: 9);        // same size, new time, new content
            Tree.Write("src/js/b.js", "bbbbbb", minutes: 2);    // new size
            var results = Publish();

            Assert.Equal((PublishAction.Updated, PublishReason.HashChanged), (For(results, "a.css").Action, For(results, "a.css").Reason));
            Assert.Equal((PublishAction.Updated, PublishReason.SizeChanged), (For(results, "js/b.js").Action, For(results, "js/b.js").Reason));
            Assert.Equal("AAAA", Tree.Read("out/a.css"));
            Assert.Equal("bbbbbb", Tree.Read("out/js/b.js"));
        }

        [Fact]
        public void IfChanged_with_equal_size_but_other_time_compares_content_and_skips_equal_files()
        {
            Publish();
            File.SetLastWriteTimeUtc(Tree.PathOf("src/a.css"), TempTree.BaseTime.AddDays(3));

            var results = Publish();

            Assert.Equal((PublishAction.Skipped, PublishReason.Unchanged), (For(results, "a.css").Action, For(results, "a.css").Reason));
        }

        [Fact]
        public void Checksum_catches_a_change_that_kept_size_and_time()
        {
            Publish();
            Tree.Write("out/a.css", "zzzz", minutes: 1);  // tampered destination, same size and time as the source

            Assert.Equal(PublishReason.Unchanged, For(Publish(), "a.css").Reason);
            var results = Publish(r => r.Checksum = true);

            Assert.Equal((PublishAction.Updated, PublishReason.HashChanged), (For(results, "a.css").Action, For(results, "a.css").Reason));
            Assert.Equal("aaaa", Tree.Read("out/a.css"));
        }

        [Fact]
        public void Processed_content_is_compared_by_content_even_when_size_and_time_match()
        {
            var original = Discover().Single(f => f.RelativePath == "a.css");
            Publish(files: new[] { original.Derive(new MediaSync.Content.MemoryContent(System.Text.Encoding.UTF8.GetBytes("AAAA")), "Upper") });
            var again = original.Derive(new MediaSync.Content.MemoryContent(System.Text.Encoding.UTF8.GetBytes("BBBB")), "Upper");

            var result = Publish(files: new[] { again }).Single();

            Assert.Equal((PublishAction.Updated, PublishReason.HashChanged), (result.Action, result.Reason));
            Assert.Equal("BBBB", Tree.Read("out/a.css"));
        }

        [Fact]
        public void All_rewrites_existing_files()
        {
            Publish();
            var results = Publish(r => r.Overwrite = OverwriteStrategy.All);
            Assert.All(results, r => Assert.Equal((PublishAction.Updated, PublishReason.Overwrite), (r.Action, r.Reason)));
        }

        [Fact]
        public void NewOnly_never_touches_an_existing_file()
        {
            Tree.Write("out/a.css", "keep me", minutes: 50);

            var results = Publish(r => r.Overwrite = OverwriteStrategy.NewOnly);

            Assert.Equal((PublishAction.Skipped, PublishReason.Exists), (For(results, "a.css").Action, For(results, "a.css").Reason));
            Assert.Equal(PublishAction.Created, For(results, "js/b.js").Action);
            Assert.Equal("keep me", Tree.Read("out/a.css"));
        }

        [Fact]
        public void IfNewer_replaces_only_when_the_source_is_newer()
        {
            Tree.Write("out/a.css", "newer destination", minutes: 60);
            Tree.Write("out/js/b.js", "older destination", minutes: 0);

            var results = Publish(r => r.Overwrite = OverwriteStrategy.IfNewer);

            Assert.Equal((PublishAction.Skipped, PublishReason.NotNewer), (For(results, "a.css").Action, For(results, "a.css").Reason));
            Assert.Equal((PublishAction.Updated, PublishReason.SourceNewer), (For(results, "js/b.js").Action, For(results, "js/b.js").Reason));
            Assert.Equal("newer destination", Tree.Read("out/a.css"));
            Assert.Equal("bbbb", Tree.Read("out/js/b.js"));
        }

        [Fact]
        public void A_read_only_target_is_a_per_file_error_and_stays_as_it_was()
        {
            Tree.Write("out/a.css", "old!", minutes: 0);
            File.SetAttributes(Tree.PathOf("out/a.css"), FileAttributes.ReadOnly);

            var results = Publish();

            Assert.Equal(PublishAction.Failed, For(results, "a.css").Action);
            Assert.Equal(PublishAction.Created, For(results, "js/b.js").Action);
            Assert.Equal(new[] { "MediaSync.TargetReadOnly" }, Host.ErrorIds);
            Assert.Equal("old!", Tree.Read("out/a.css"));
        }

        [Fact]
        public void A_folder_where_a_file_belongs_is_an_error_and_is_left_alone()
        {
            Tree.Write("out/a.css/inside.txt", "mine");

            var results = Publish(r => r.Overwrite = OverwriteStrategy.All);

            Assert.Equal(PublishAction.Failed, For(results, "a.css").Action);
            Assert.Equal(new[] { "MediaSync.TargetIsFolder" }, Host.ErrorIds);
            Assert.Equal("mine", Tree.Read("out/a.css/inside.txt"));
        }

        [Fact]
        public void A_source_that_cannot_be_read_fails_alone_and_the_others_publish()
        {
            var files = Discover();
            File.Delete(Tree.PathOf("src/a.css"));   // vanished after discovery (root can read chmod 000 files, so this is the portable case)

            var results = Publish(files: files);

            Assert.Equal(PublishAction.Failed, For(results, "a.css").Action);
            Assert.Equal(PublishAction.Created, For(results, "js/b.js").Action);
            Assert.Equal(new[] { "MediaSync.SourceUnreadable" }, Host.ErrorIds);
            Assert.Empty(TempLeftovers());
        }

        [Fact]
        public void A_failure_in_the_middle_of_a_write_leaves_no_temp_file_and_the_old_target_intact()
        {
            Publish();
            var failing = new MediaFile("a.css", Tree.PathOf("src/a.css"), MediaFile.ProjectSource, Source,
                new FailingContent(length: 500_000, failAfter: 300_000), TempTree.BaseTime.AddHours(1));

            var results = Publish(r => r.Overwrite = OverwriteStrategy.All, files: new[] { failing });

            Assert.Equal(PublishAction.Failed, results.Single().Action);
            Assert.Equal("MediaSync.SourceUnreadable", Host.ErrorIds.Single());
            Assert.Contains("injected read failure", Host.Errors.Single().Message);
            Assert.Equal("aaaa", Tree.Read("out/a.css"));
            Assert.Empty(TempLeftovers());
        }

        [Fact]
        public void A_read_only_source_publishes_a_replaceable_copy()
        {
            File.SetAttributes(Tree.PathOf("src/a.css"), FileAttributes.ReadOnly);
            Publish();
            Tree.Write("src/a.css", "AAAA", minutes: 5);

            Assert.Equal(PublishAction.Updated, For(Publish(), "a.css").Action);
            Assert.Empty(Host.Errors);
        }

        [Fact]
        public void In_memory_content_is_written_like_a_file()
        {
            var file = InMemory("gen/app.css", "generated", Source);
            Publish(files: new[] { file });
            Assert.Equal("generated", Tree.Read("out/gen/app.css"));
        }

        [Fact]
        public void Every_thread_count_gives_the_same_results()
        {
            for (var i = 0; i < 40; i++) Tree.Write($"src/many/f{i:00}.txt", new string('x', i), minutes: i);
            var serial = Publish(r => r.ThrottleLimit = 1).Select(r => (r.RelativePath, r.Action)).OrderBy(x => x.RelativePath).ToArray();
            Directory.Delete(Out, recursive: true);
            var parallel = Publish(r => r.ThrottleLimit = 8).Select(r => (r.RelativePath, r.Action)).OrderBy(x => x.RelativePath).ToArray();
            Assert.Equal(serial, parallel);
            Assert.Equal(42, parallel.Length);
        }

        [Fact]
        public void Progress_counts_planned_bytes_and_completes()
        {
            Tree.Write("src/big.bin", new string('z', 300_000));
            Publish();

            var last = Host.Progress.Last();
            Assert.True(last.Completed);
            Assert.Equal(300_008, last.BytesTotal);
            Assert.Equal(last.BytesTotal, last.BytesDone);
            Assert.Equal(3, last.ItemsDone);
            Assert.Contains("out", last.Activity);
        }

        [Fact]
        public void Progress_reports_the_first_finished_file_at_once_even_in_a_short_run()
        {
            Publish(r => r.ThrottleLimit = 1);

            var first = Host.Progress.First();
            Assert.False(first.Completed);
            Assert.Equal(1, first.ItemsDone);
            Assert.StartsWith("1 of 2 files, ", first.Status);
            Assert.True(Host.Progress.Last().Completed);
        }

        [Fact]
        public void Names_with_spaces_unicode_and_url_characters_publish()
        {
            var names = new[] { "a b.css", "café/straße.css", "日本語.js", "100%+&;=#.png" };
            foreach (var name in names) Tree.Write("src/" + name, name);

            Publish();

            Assert.All(names, n => Assert.Equal(n, Tree.Read("out/" + n)));
        }

        [Fact]
        public void Keys_that_differ_only_in_case_warn_on_a_case_insensitive_destination_and_do_not_overwrite()
        {
            Tree.Write("src/Logo.png", "upper");
            Tree.Write("src/logo.png", "lower");

            var results = Publish(r => r.CaseSensitiveDestination = false);

            Assert.Equal((PublishAction.Skipped, PublishReason.CaseConflict), (For(results, "logo.png").Action, For(results, "logo.png").Reason));
            Assert.Contains(Host.Warnings, w => w.Contains("letter case"));
            Assert.Equal("upper", Tree.Read("out/Logo.png"));
        }

        [Fact]
        public void A_key_that_comes_in_twice_is_published_once_with_a_warning()
        {
            var files = Discover();
            files.Add(files[0]);

            var results = Publish(files: files);

            Assert.Equal(PublishReason.DuplicateKey, results.Single(r => r.Action == PublishAction.Skipped).Reason);
            Assert.Single(Host.Warnings);
        }

        [Fact]
        public void Bad_arguments_are_refused_before_anything_is_written()
        {
            Tree.Write("file.txt", "x");
            var files = Discover();
            Assert.Equal("MediaSync.ConflictingArguments", Refused(new PublishRequest(Out) { Mode = PublishMode.Link, Overwrite = OverwriteStrategy.All }, files));
            Assert.Equal("MediaSync.ConflictingArguments", Refused(new PublishRequest(Out) { Fallback = LinkFallback.Copy }, files));
            Assert.Equal("MediaSync.DestinationIsFile", Refused(new PublishRequest(Tree.PathOf("file.txt")), files));
            Assert.False(Directory.Exists(Out));
        }

        private string Refused(PublishRequest request, System.Collections.Generic.IReadOnlyList<MediaFile> files) =>
            Assert.Throws<MediaSyncException>(() => Publisher.Publish(request, files, Host)).Error.Id;

        [Fact]
        public void Cancellation_stops_the_run_without_leaving_temp_files()
        {
            for (var i = 0; i < 30; i++) Tree.Write($"src/many/f{i:00}.txt", new string('x', 50_000));
            var files = Discover();
            var host = new RecordingHost();
            host.OnAsk = count => { if (count == 3) host.Stop.Cancel(); };  // Ctrl+C while the third file is being asked about

            Assert.ThrowsAny<OperationCanceledException>(() => Publisher.Publish(new PublishRequest(Out), files, host).ToList());

            Assert.Empty(TempLeftovers());
            Assert.Equal(3, host.Asked.Count);  // nothing more was asked after Ctrl+C
            Assert.InRange(Tree.Files("out").Length, 0, 3);
        }
    }
}
