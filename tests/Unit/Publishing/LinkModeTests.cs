using System.IO;
using System.Linq;
using MediaSync.Publishing;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    public sealed class LinkModeTests : PublisherFixture
    {
        public LinkModeTests()
        {
            Tree.Write("src/a.css", "aaaa");
            Tree.Write("src/img/b.png", "bbbb");
        }

        private PublishResult[] Link(LinkFallback? fallback = null, System.Collections.Generic.IReadOnlyList<MediaFile>? files = null) =>
            Publish(r => { r.Mode = PublishMode.Link; r.Fallback = fallback; }, files);

        [Fact]
        public void Each_file_becomes_a_symbolic_link_to_its_source()
        {
            var results = Link();

            Assert.All(results, r => Assert.Equal((PublishAction.Linked, PublishReason.New), (r.Action, r.Reason)));
            Assert.Equal(Tree.PathOf("src/img/b.png"), new FileInfo(Tree.PathOf("out/img/b.png")).LinkTarget);
            Assert.Equal("aaaa", Tree.Read("out/a.css"));
        }

        [Fact]
        public void A_second_run_leaves_correct_links_alone()
        {
            Link();
            Assert.All(Link(), r => Assert.Equal((PublishAction.Skipped, PublishReason.AlreadyLinked), (r.Action, r.Reason)));
        }

        [Fact]
        public void A_stale_link_is_replaced()
        {
            Tree.Write("elsewhere.css", "old");
            Directory.CreateDirectory(Out);
            File.CreateSymbolicLink(Tree.PathOf("out/a.css"), Tree.PathOf("elsewhere.css"));

            var results = Link();

            Assert.Equal((PublishAction.Linked, PublishReason.StaleLink), (For(results, "a.css").Action, For(results, "a.css").Reason));
            Assert.Equal(Tree.PathOf("src/a.css"), new FileInfo(Tree.PathOf("out/a.css")).LinkTarget);
            Assert.Equal("old", Tree.Read("elsewhere.css"));
            Assert.Empty(TempLeftovers());
        }

        [Fact]
        public void A_dangling_link_is_replaced()
        {
            Directory.CreateDirectory(Out);
            File.CreateSymbolicLink(Tree.PathOf("out/a.css"), Tree.PathOf("gone.css"));

            Assert.Equal(PublishReason.StaleLink, For(Link(), "a.css").Reason);
            Assert.Equal("aaaa", Tree.Read("out/a.css"));
        }

        [Fact]
        public void An_existing_regular_file_or_folder_is_never_replaced_and_the_error_suggests_copy_mode()
        {
            Tree.Write("out/a.css", "precious");
            Tree.Write("out/img/b.png/keep.txt", "also precious");

            var results = Link();

            Assert.All(results, r => Assert.Equal(PublishAction.Failed, r.Action));
            Assert.Equal(new[] { "MediaSync.TargetNotALink", "MediaSync.TargetNotALink" }, Host.ErrorIds);
            Assert.All(Host.Errors, e => Assert.Contains("-Mode Copy", e.RecommendedAction));
            Assert.Equal("precious", Tree.Read("out/a.css"));
            Assert.Equal("also precious", Tree.Read("out/img/b.png/keep.txt"));
        }

        [Fact]
        public void In_memory_content_cannot_be_linked_unless_copy_is_the_fallback()
        {
            var generated = InMemory("gen.css", "generated", Source);

            var refused = Link(files: new[] { generated });
            Assert.Equal(PublishAction.Failed, refused.Single().Action);
            Assert.Equal("MediaSync.LinkNeedsFile", Host.ErrorIds.Single());
            Assert.False(File.Exists(Tree.PathOf("out/gen.css")));

            var copied = Link(LinkFallback.Copy, new[] { generated });
            Assert.Equal(PublishAction.Created, copied.Single().Action);
            Assert.Equal("generated", Tree.Read("out/gen.css"));
        }

        [Fact]
        public void Copy_mode_replaces_links_with_real_files_and_leaves_sources_intact()
        {
            Link();

            var results = Publish();

            Assert.All(results, r => Assert.Equal((PublishAction.Updated, PublishReason.StaleLink), (r.Action, r.Reason)));
            Assert.Null(new FileInfo(Tree.PathOf("out/a.css")).LinkTarget);
            Assert.Equal("aaaa", Tree.Read("out/a.css"));
            Assert.Equal("aaaa", Tree.Read("src/a.css"));
        }
    }
}
