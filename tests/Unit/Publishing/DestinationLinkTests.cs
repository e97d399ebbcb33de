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
    /// Nothing is written, or deleted, through a link below a folder destination: a planted folder link is replaced by a
    /// real folder (rsync without -K), a file link at a target name is replaced itself. The destination itself may be a link.
    /// </summary>
    public sealed class DestinationLinkTests : PublisherFixture
    {
        public DestinationLinkTests()
        {
            Tree.Write("src/css/a.css", "aaaa");
            Tree.Write("src/js/b.js", "bbbb");
            Tree.Write("victim/keep.txt", "the user's own");
        }

        private void PlantFolderLink()
        {
            Directory.CreateDirectory(Out);
            Directory.CreateSymbolicLink(Tree.PathOf("out/css"), "../victim");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_planted_folder_link_is_replaced_by_a_real_folder_and_nothing_is_written_through_it(bool delete)
        {
            PlantFolderLink();

            var results = Publish(r => r.Delete = delete);

            Assert.Equal(new[] { "keep.txt" }, Tree.Files("victim"));
            Assert.Null(new DirectoryInfo(Tree.PathOf("out/css")).LinkTarget);
            Assert.Equal("aaaa", Tree.Read("out/css/a.css"));
            Assert.Equal(new[] { "css/a.css", "js/b.js" }, results.Select(r => r.RelativePath).OrderBy(k => k));
            Assert.All(results, r => Assert.Equal(PublishAction.Created, r.Action));
            Assert.Contains("MediaSync.DestinationLinkReplaced", Assert.Single(Host.Warnings));
            Assert.Empty(Host.Errors);
        }

        [Fact]
        public void Parallel_writes_into_a_planted_folder_link_replace_it_once_and_all_land()
        {
            for (var i = 0; i < 40; i++) Tree.Write($"src/css/f{i:00}.css", "f" + i);
            PlantFolderLink();

            var results = Publish(r => r.ThrottleLimit = 8);

            Assert.Empty(Host.Errors);
            Assert.All(results, r => Assert.Equal(PublishAction.Created, r.Action));
            Assert.Equal(41, Tree.Files("out/css").Length);
            Assert.Equal(new[] { "keep.txt" }, Tree.Files("victim"));
        }

        [Fact]
        public void A_folder_link_planted_after_the_listing_is_caught_as_the_file_is_written()
        {
            var store = new FolderStore(Out);
            PlantFolderLink();

            store.Put(new StorePut("css/a.css", new FileContent(Tree.PathOf("src/css/a.css"), 4), "",
                new System.Collections.Generic.Dictionary<string, string>(), null, TempTree.BaseTime), default);

            Assert.Equal(new[] { "keep.txt" }, Tree.Files("victim"));
            Assert.Equal("aaaa", Tree.Read("out/css/a.css"));
        }

        [Fact]
        public void Link_mode_never_links_through_a_planted_folder_link()
        {
            PlantFolderLink();

            Publish(r => r.Mode = PublishMode.Link);

            Assert.Equal(new[] { "keep.txt" }, Tree.Files("victim"));
            Assert.Equal(Tree.PathOf("src/css/a.css"), new FileInfo(Tree.PathOf("out/css/a.css")).LinkTarget);
        }

        [Fact]
        public void A_planted_file_link_at_a_target_name_is_replaced_and_what_it_points_to_is_untouched()
        {
            Tree.Write("victim/a.css", "the user's own");
            Directory.CreateDirectory(Tree.PathOf("out/css"));
            File.CreateSymbolicLink(Tree.PathOf("out/css/a.css"), "../../victim/a.css");

            var results = Publish();

            Assert.Equal((PublishAction.Updated, PublishReason.StaleLink), (For(results, "css/a.css").Action, For(results, "css/a.css").Reason));
            Assert.Equal("the user's own", Tree.Read("victim/a.css"));
            Assert.Null(new FileInfo(Tree.PathOf("out/css/a.css")).LinkTarget);
            Assert.Equal("aaaa", Tree.Read("out/css/a.css"));
        }

        [Fact]
        public void A_delete_never_goes_through_a_link_below_the_destination()
        {
            Tree.Write("victim/old.css", "the user's own");
            PlantFolderLink();

            new FolderStore(Out).Delete(new[] { "css/old.css" }, default);

            Assert.Equal("the user's own", Tree.Read("victim/old.css"));
            Assert.NotNull(new DirectoryInfo(Tree.PathOf("out/css")).LinkTarget);
        }

        [Fact]
        public void The_destination_itself_may_be_a_link()
        {
            Directory.CreateDirectory(Tree.PathOf("real-out"));
            Directory.CreateSymbolicLink(Out, Tree.PathOf("real-out"));

            var results = Publish(r => r.Delete = true);

            Assert.All(results, r => Assert.Equal(PublishAction.Created, r.Action));
            Assert.Equal("aaaa", Tree.Read("real-out/css/a.css"));
            Assert.NotNull(new DirectoryInfo(Out).LinkTarget);
            Assert.Empty(Host.Warnings);
        }
    }
}
