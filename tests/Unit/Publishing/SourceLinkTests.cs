using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Publishing;
using MediaSync.Settings;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>
    /// Links in a source are followed on purpose only: one whose chain stays inside its root is followed, one that
    /// leads outside is skipped with a warning unless FollowLinks, and Link mode never makes a link that ends outside.
    /// </summary>
    public sealed class SourceLinkTests : PublisherFixture
    {
        private readonly RecordingHost _discovery = new RecordingHost();

        public SourceLinkTests()
        {
            Tree.Write("src/css/a.css", "aaaa");
            Tree.Write("outside/secret/key.txt", "top secret");
            Directory.CreateSymbolicLink(Tree.PathOf("src/ext"), "../outside/secret");
            File.CreateSymbolicLink(Tree.PathOf("src/key.txt"), "../outside/secret/key.txt");
        }

        private List<MediaFile> Find(bool followLinks = false)
        {
            var request = new MediaDiscoveryRequest { FollowLinks = followLinks };
            request.Roots.Add(Source);
            return MediaDiscovery.Discover(request, _discovery).ToList();
        }

        [Fact]
        public void A_folder_or_file_link_leading_outside_its_root_is_skipped_with_one_warning_each_and_never_published()
        {
            var files = Find();
            var results = Publish(files: files);

            Assert.Equal(new[] { "css/a.css" }, files.Select(f => f.RelativePath));
            Assert.Equal(2, _discovery.Warnings.Count);
            Assert.All(_discovery.Warnings, w => Assert.Contains("MediaSync.LinkOutsideRoot", w));
            Assert.Contains(_discovery.Warnings, w => w.Contains(Tree.PathOf("src/ext")));
            Assert.Contains(_discovery.Warnings, w => w.Contains(Tree.PathOf("src/key.txt")));
            Assert.Empty(_discovery.Errors);
            Assert.Equal(new[] { "css/a.css" }, results.Select(r => r.RelativePath));
            Assert.Equal(new[] { "css/a.css" }, Tree.Files("out"));
        }

        [Fact]
        public void Nothing_a_link_outside_leads_to_reaches_a_store()
        {
            var store = new MemoryStore();
            Publisher.Publish(new PublishRequest(null), Find(), store, Host).ToList();

            Assert.Equal(new[] { "css/a.css" }, store.List(default).Select(o => o.Key));
        }

        [Fact]
        public void A_name_asked_for_through_a_link_outside_is_skipped_too()
        {
            var request = new MediaDiscoveryRequest { Names = new[] { "ext/key.txt", "css/a.css" } };
            request.Roots.Add(Source);

            var files = MediaDiscovery.Discover(request, _discovery).ToList();

            Assert.Equal(new[] { "css/a.css" }, files.Select(f => f.RelativePath));
            Assert.Contains("MediaSync.LinkOutsideRoot", Assert.Single(_discovery.Warnings));
        }

        [Fact]
        public void FollowLinks_follows_links_leading_outside()
        {
            var files = Find(followLinks: true);
            Publish(files: files);

            Assert.Equal(new[] { "css/a.css", "ext/key.txt", "key.txt" }, files.Select(f => f.RelativePath));
            Assert.Empty(_discovery.Warnings);
            Assert.Equal("top secret", Tree.Read("out/ext/key.txt"));
        }

        [Fact]
        public void Links_whose_chain_stays_inside_the_root_are_followed_and_a_file_link_publishes_its_targets_bytes()
        {
            File.CreateSymbolicLink(Tree.PathOf("src/alias.css"), "css/a.css");
            Directory.CreateSymbolicLink(Tree.PathOf("src/more"), "css");

            var files = Find();
            var results = Publish(files: files);

            Assert.Equal(new[] { "alias.css", "css/a.css", "more/a.css" }, files.Select(f => f.RelativePath));
            // the link's own size (9, "css/a.css") is not its target's (4): the check once compared the two
            Assert.All(results, r => Assert.Equal((PublishAction.Created, PublishReason.New), (r.Action, r.Reason)));
            Assert.Empty(Host.Errors);
            Assert.Equal("aaaa", Tree.Read("out/alias.css"));
            Assert.Null(new FileInfo(Tree.PathOf("out/alias.css")).LinkTarget);
        }

        [Fact]
        public void Link_mode_makes_no_link_whose_chain_ends_outside_the_root()
        {
            var results = Publish(r => r.Mode = PublishMode.Link, Find(followLinks: true));

            Assert.Equal((PublishAction.Linked, PublishReason.New), (For(results, "css/a.css").Action, For(results, "css/a.css").Reason));
            Assert.Equal(PublishAction.Failed, For(results, "ext/key.txt").Action);
            Assert.Equal(PublishAction.Failed, For(results, "key.txt").Action);
            Assert.Equal(new[] { "MediaSync.LinkOutsideRoot", "MediaSync.LinkOutsideRoot" }, Host.ErrorIds);
            Assert.False(Tree.Exists("out/key.txt"));
            Assert.False(Tree.Exists("out/ext/key.txt"));
        }

        [Fact]
        public void Link_mode_copies_what_leads_outside_under_Fallback_Copy()
        {
            var results = Publish(r => { r.Mode = PublishMode.Link; r.Fallback = LinkFallback.Copy; }, Find(followLinks: true));

            Assert.Equal(PublishAction.Created, For(results, "key.txt").Action);
            Assert.Null(new FileInfo(Tree.PathOf("out/key.txt")).LinkTarget);
            Assert.Equal("top secret", Tree.Read("out/key.txt"));
        }

        [Fact]
        public void Link_mode_checks_the_chain_as_it_links_so_a_source_link_retargeted_outside_since_discovery_is_not_linked()
        {
            Tree.Write("src/same.css", "bbbb");
            File.CreateSymbolicLink(Tree.PathOf("src/alias.css"), "same.css");
            var files = Find();
            Tree.Write("outside/other.css", "cccc");
            File.Delete(Tree.PathOf("src/alias.css"));
            File.CreateSymbolicLink(Tree.PathOf("src/alias.css"), "../outside/other.css");

            var results = Publish(r => r.Mode = PublishMode.Link, files);

            Assert.Equal(PublishAction.Failed, For(results, "alias.css").Action);
            Assert.Equal("MediaSync.LinkOutsideRoot", Assert.Single(Host.Errors).Id);
            Assert.False(Tree.Exists("out/alias.css"));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Sync_follows_links_leading_outside_only_when_the_settings_say_FollowLinks(bool follow)
        {
            var path = Tree.Write("mediasync.json", "{ \"Roots\": [\"src\"], \"Store\": { \"Path\": \"out\" }" + (follow ? ", \"FollowLinks\": true" : "") + " }");

            SyncJob.Run(new SyncRequest(SettingsReader.ReadFile(path)), Host).ToList();

            Assert.Equal(follow, Tree.Exists("out/ext/key.txt"));
            Assert.Equal(follow, Tree.Exists("out/key.txt"));
            Assert.Equal("aaaa", Tree.Read("out/css/a.css"));
            Assert.Equal(follow ? 0 : 2, Host.Warnings.Count(w => w.Contains("MediaSync.LinkOutsideRoot")));
        }

        [Fact]
        public void Delete_keeps_what_the_destination_holds_under_a_skipped_link_and_deletes_the_other_orphans()
        {
            Publish(files: Find(followLinks: true));
            Tree.Write("out/old.css", "orphan");

            var results = Publish(r => r.Delete = true, Find());

            Assert.Equal((PublishAction.Skipped, PublishReason.Orphan), (For(results, "ext/key.txt").Action, For(results, "ext/key.txt").Reason));
            Assert.Equal((PublishAction.Skipped, PublishReason.Orphan), (For(results, "key.txt").Action, For(results, "key.txt").Reason));
            Assert.Equal((PublishAction.Deleted, PublishReason.Orphan), (For(results, "old.css").Action, For(results, "old.css").Reason));
            Assert.Equal("top secret", Tree.Read("out/ext/key.txt"));
            Assert.Contains(Host.Warnings, w => w.Contains("MediaSync.LinkOutsideRoot") && w.Contains("ext/key.txt"));
            Assert.Empty(Host.Errors);
        }
    }
}
