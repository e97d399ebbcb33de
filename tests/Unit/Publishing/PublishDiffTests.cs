using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MediaSync.Content;
using MediaSync.Platform;
using MediaSync.Publishing;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>The diff is a pure function: in-memory files and listings, no store at all.</summary>
    public sealed class PublishDiffTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

        private static MediaFile File(string key, string text, string? encoding = null)
        {
            var file = TestMedia.InMemory(key, text, Now);
            return encoding == null ? file : file.DeriveVariant(new MemoryContent(Encoding.UTF8.GetBytes(text)), "Gzip", key + ".gz", encoding);
        }

        private static IReadOnlyList<PlanStep> Plan(IEnumerable<LocalObject> local, IEnumerable<StoredObject> remote, bool keepsHeaders, bool delete,
            bool checksum = false) =>
            PublishDiff.Plan(local, PublishDiff.ByKey(remote), new DiffRules { KeepsHeaders = keepsHeaders, Delete = delete, Checksum = checksum });

        private static LocalObject Local(MediaFile file, HeaderPolicy? policy = null) => new LocalObject(file, (policy ?? new HeaderPolicy()).For(file, Now));

        private static StoredObject Remote(LocalObject local, string? md5 = null, long? size = null, IReadOnlyDictionary<string, string>? headers = null) =>
            new StoredObject(local.File.RelativePath, size ?? local.File.Length, md5 ?? local.File.Hash, headers ?? local.Headers);

        [Fact]
        public void Every_reason_is_given()
        {
            var same = Local(File("same.css", "s"));
            var changed = Local(File("changed.css", "new"));
            var headers = Local(File("headers.css", "h"));
            var fresh = Local(File("fresh.css", "f"));
            var remote = new[]
            {
                Remote(same),
                Remote(changed, md5: "0123456789abcdef0123456789abcdef"),
                Remote(headers, headers: new Dictionary<string, string> { ["Content-Type"] = "text/plain" }),
                new StoredObject("orphan.css", 1, "00"),
            };

            var plan = Plan(new[] { same, changed, headers, fresh }, remote, keepsHeaders: true, delete: true).ToDictionary(s => s.Key);

            Assert.Equal((StepKind.Skip, PublishReason.Unchanged), (plan["same.css"].Kind, plan["same.css"].Reason));
            Assert.Equal((StepKind.Write, PublishReason.ContentChanged), (plan["changed.css"].Kind, plan["changed.css"].Reason));
            Assert.Equal((StepKind.UpdateHeaders, PublishReason.HeadersChanged), (plan["headers.css"].Kind, plan["headers.css"].Reason));
            Assert.Equal((StepKind.Write, PublishReason.New), (plan["fresh.css"].Kind, plan["fresh.css"].Reason));
            Assert.Equal((StepKind.Delete, PublishReason.Orphan), (plan["orphan.css"].Kind, plan["orphan.css"].Reason));
        }

        [Fact]
        public void A_listing_with_a_key_twice_is_refused_by_name_rather_than_guessed()
        {
            var local = Local(File("a.css", "a"));

            var error = Assert.Throws<InvalidOperationException>(() =>
                Plan(new[] { local }, new[] { Remote(local), new StoredObject("b.css", 1, "00"), Remote(local, md5: "00") }, keepsHeaders: false, delete: true));

            Assert.Equal("the listing returned 'a.css' twice.", error.Message);
        }

        [Fact]
        public void A_change_that_keeps_the_size_is_caught_by_md5_and_an_unknown_md5_is_uploaded_as_not_comparable()
        {
            var local = Local(File("a.png", "abcd"));
            Assert.Equal(PublishReason.ContentChanged, Plan(new[] { local }, new[] { Remote(local, md5: "ffffffffffffffffffffffffffffffff") }, true, false).Single().Reason);
            var unknown = new StoredObject("a.png", 4, md5: null, local.Headers);
            Assert.Equal((StepKind.Write, PublishReason.NotComparable), Plan(new[] { local }, new[] { unknown }, true, false).Select(s => (s.Kind, s.Reason)).Single());
            Assert.Equal(PublishReason.ContentChanged, Plan(new[] { local }, new[] { Remote(local, size: 5) }, true, false).Single().Reason);
        }

        [Fact]
        public void Expires_moves_with_the_clock_and_is_not_drift_and_header_names_ignore_case()
        {
            var local = Local(File("a.css", "x"));
            var stored = local.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Key == "Expires" ? "Thu, 01 Jan 2026 00:00:00 GMT" : h.Value);

            Assert.Equal(StepKind.Skip, Plan(new[] { local }, new[] { Remote(local, headers: stored) }, true, false).Single().Kind);
        }

        [Fact]
        public void Stores_without_headers_never_see_header_drift()
        {
            var local = Local(File("a.css", "x"));
            var bare = Remote(local, headers: new Dictionary<string, string>());
            Assert.Equal(StepKind.Skip, Plan(new[] { local }, new[] { bare }, keepsHeaders: false, delete: false).Single().Kind);
        }

        [Fact]
        public void A_remembered_source_stamp_spares_reading_the_file_unless_checksum_is_asked()
        {
            using var tree = new MediaSync.Tests.Support.TempTree();
            var path = tree.Write("src/a.css", "aaaa");
            var file = new MediaFile("a.css", path, MediaFile.ProjectSource, tree.PathOf("src"), new FileContent(path, 4), MediaSync.Tests.Support.TempTree.BaseTime);
            var local = new LocalObject(file, new HeaderPolicy().For(file, Now));
            // the store says: same size, a different MD5, but the same source stamp as when it was uploaded
            var remote = new StoredObject("a.css", 4, "ffffffffffffffffffffffffffffffff", local.Headers, sourceStamp: SourceStamp.Of(file));

            Assert.Equal(PublishReason.Unchanged, Plan(new[] { local }, new[] { remote }, true, false).Single().Reason);
            Assert.False(file.HasHash);
            Assert.Equal(PublishReason.ContentChanged, Plan(new[] { local }, new[] { remote }, true, false, checksum: true).Single().Reason);
            var moved = new StoredObject("a.css", 4, "ffffffffffffffffffffffffffffffff", local.Headers, sourceStamp: "4:1");
            Assert.Equal(PublishReason.ContentChanged, Plan(new[] { local }, new[] { moved }, true, false).Single().Reason);
        }

        [Fact]
        public void Processed_content_has_no_stamp_and_is_always_compared_by_hash()
        {
            var processed = File("a.css", "a{}").Derive(new MemoryContent(Encoding.UTF8.GetBytes("a{}")), "Minify");
            Assert.Null(SourceStamp.Of(processed));
            Assert.Null(SourceStamp.Of(File("b.css", "in memory")));
        }

        [Fact]
        public void Orphans_are_only_planned_for_deletion_when_asked()
        {
            var orphan = new StoredObject("old.css", 1, "00");
            Assert.Empty(Plan(Array.Empty<LocalObject>(), new[] { orphan }, true, delete: false));
            Assert.Equal(StepKind.Delete, Plan(Array.Empty<LocalObject>(), new[] { orphan }, true, delete: true).Single().Kind);
        }

        [Fact]
        public void Assets_go_up_before_pages_and_deletes_come_last()
        {
            var page = Local(File("index.html", "<img src=logo.png>"));
            var logo = Local(File("logo.png", "png"));
            var css = Local(File("site.css", "a{}"));

            var plan = Plan(new[] { page, logo, css }, new[] { new StoredObject("gone.js", 1, "00") }, true, delete: true);

            Assert.Equal(new[] { "logo.png", "site.css", "index.html", "gone.js" }, plan.Select(s => s.Key));
        }

        private static PlanStep FolderStep(LocalObject local, StoredObject? remote, OverwriteStrategy strategy = OverwriteStrategy.IfChanged, bool link = false) =>
            PublishDiff.Plan(new[] { local }, PublishDiff.ByKey(remote == null ? Array.Empty<StoredObject>() : new[] { remote }),
                new DiffRules { Strategy = strategy, Link = link, FolderWords = true, DestinationOf = key => "/out/" + key }).Single();

        [Fact]
        public void A_folder_names_how_content_changed_where_a_store_says_ContentChanged()
        {
            var local = Local(File("a.css", "abcd"));
            Assert.Equal(PublishReason.SizeChanged, FolderStep(local, Remote(local, size: 5)).Reason);
            Assert.Equal(PublishReason.HashChanged, FolderStep(local, Remote(local, md5: "ffffffffffffffffffffffffffffffff")).Reason);
            Assert.Equal(PublishReason.Unchanged, FolderStep(local, Remote(local)).Reason);
        }

        [Fact]
        public void Each_overwrite_strategy_is_a_decision_of_the_diff()
        {
            var local = Local(File("a.css", "abcd"));
            var older = new StoredObject("a.css", 4, "ffffffffffffffffffffffffffffffff", lastModifiedUtc: Now.AddDays(-1));
            var newer = new StoredObject("a.css", 4, "ffffffffffffffffffffffffffffffff", lastModifiedUtc: Now.AddDays(1));

            Assert.Equal((StepKind.Skip, PublishReason.Exists), Of(FolderStep(local, older, OverwriteStrategy.NewOnly)));
            Assert.Equal((StepKind.Write, PublishReason.SourceNewer), Of(FolderStep(local, older, OverwriteStrategy.IfNewer)));
            Assert.Equal((StepKind.Skip, PublishReason.NotNewer), Of(FolderStep(local, newer, OverwriteStrategy.IfNewer)));
            Assert.Equal((StepKind.Write, PublishReason.Overwrite), Of(FolderStep(local, newer, OverwriteStrategy.All)));
            Assert.Equal((StepKind.Write, PublishReason.New), Of(FolderStep(local, null, OverwriteStrategy.NewOnly)));
        }

        [Fact]
        public void What_sits_at_the_key_decides_before_content_does()
        {
            var local = Local(File("a.css", "abcd"));
            var folder = new StoredObject("a.css", 0, null) { Kind = EntryKind.Directory };
            var link = new StoredObject("a.css", 0, null) { Kind = EntryKind.Link };
            var readOnly = new StoredObject("a.css", 5, null) { ReadOnly = true };

            Assert.Equal("MediaSync.TargetIsFolder", FolderStep(local, folder).Error!.Id);
            Assert.Equal((StepKind.Write, PublishReason.StaleLink), Of(FolderStep(local, link)));
            Assert.Equal((StepKind.Skip, PublishReason.Exists), Of(FolderStep(local, link, OverwriteStrategy.NewOnly)));
            Assert.Equal("MediaSync.TargetReadOnly", FolderStep(local, readOnly).Error!.Id);
            Assert.Equal((StepKind.Skip, PublishReason.Unchanged), Of(FolderStep(local, new StoredObject("a.css", 4, local.File.Hash) { ReadOnly = true })));
        }

        [Fact]
        public void Link_mode_reads_only_the_gathered_link_fact()
        {
            using var tree = new MediaSync.Tests.Support.TempTree();
            var path = tree.Write("src/a.css", "aaaa");
            var file = new MediaFile("a.css", path, MediaFile.ProjectSource, tree.PathOf("src"), new FileContent(path, 4), MediaSync.Tests.Support.TempTree.BaseTime);
            var link = new StoredObject("a.css", 0, null) { Kind = EntryKind.Link };

            Assert.Equal((StepKind.Link, PublishReason.New), Of(FolderStep(new LocalObject(file, StoredObject.EmptyHeaders), null, link: true)));
            Assert.Equal((StepKind.Link, PublishReason.StaleLink), Of(FolderStep(new LocalObject(file, StoredObject.EmptyHeaders), link, link: true)));
            Assert.Equal((StepKind.Skip, PublishReason.AlreadyLinked), Of(FolderStep(new LocalObject(file, StoredObject.EmptyHeaders) { AlreadyLinked = true }, link, link: true)));
            Assert.Equal("MediaSync.TargetNotALink", FolderStep(new LocalObject(file, StoredObject.EmptyHeaders), new StoredObject("a.css", 4, null), link: true).Error!.Id);
            Assert.Equal("MediaSync.LinkNeedsFile", FolderStep(Local(File("b.css", "in memory")), null, link: true).Error!.Id);
        }

        private static (StepKind, PublishReason) Of(PlanStep step) => (step.Kind, step.Reason);

        [Fact]
        public void Headers_come_from_the_file_variants_expiry_and_rules_in_order()
        {
            var policy = new HeaderPolicy { ExpirationDays = 30 };
            policy.Rules.Add(new HeaderRule("*.html", new Dictionary<string, string> { ["Cache-Control"] = "no-cache" }));
            policy.Rules.Add(new HeaderRule("legal/*.html", new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" }));

            var css = policy.For(File("site.css", "a{}", encoding: "gzip"), Now);
            Assert.Equal("text/css; charset=utf-8", css["Content-Type"]);
            Assert.Equal("gzip", css["Content-Encoding"]);
            Assert.Equal("public, max-age=2592000", css["Cache-Control"]);
            Assert.Equal("Tue, 22 Dec 2026 12:00:00 GMT", css["Expires"]);
            Assert.Equal("no-cache", policy.For(File("index.html", "x"), Now)["Cache-Control"]);
            Assert.Equal("max-age=60", policy.For(File("legal/terms.html", "x"), Now)["Cache-Control"]);
        }
    }
}
