using MediaSync.Discovery;
using MediaSync.Publishing;
using Xunit;

namespace MediaSync.Tests
{
    public sealed class ContentTypesAndKeysTests
    {
        [Theory]
        [InlineData("a.js", "text/javascript; charset=utf-8")]
        [InlineData("a.mjs", "text/javascript; charset=utf-8")]
        [InlineData("a.CSS", "text/css; charset=utf-8")]
        [InlineData("i.svg", "image/svg+xml; charset=utf-8")]
        [InlineData("f.woff", "font/woff")]
        [InlineData("f.woff2", "font/woff2")]
        [InlineData("p.webp", "image/webp")]
        [InlineData("p.avif", "image/avif")]
        [InlineData("m.wasm", "application/wasm")]
        [InlineData("d.json", "application/json; charset=utf-8")]
        [InlineData("app.js.map", "application/json; charset=utf-8")]
        [InlineData("site.webmanifest", "application/manifest+json; charset=utf-8")]
        [InlineData("favicon.ico", "image/x-icon")]
        [InlineData("index.html", "text/html; charset=utf-8")]
        [InlineData("noext", "application/octet-stream")]
        [InlineData("x.unknown", "application/octet-stream")]
        public void Content_types_cover_the_web(string name, string expected) => Assert.Equal(expected, ContentTypes.ForPath(name));

        [Theory]
        [InlineData("a/b.css", true)]
        [InlineData("a b/ü.css", true)]
        [InlineData("/a.css", false)]
        [InlineData("C:/a.css", false)]
        [InlineData("a/../b.css", false)]
        [InlineData("./a.css", false)]
        [InlineData("a//b.css", false)]
        [InlineData("a\\b.css", false)]
        [InlineData("", false)]
        public void Keys_are_relative_forward_slash_paths_that_never_leave_the_root(string key, bool valid) =>
            Assert.Equal(valid, MediaKey.IsValid(key, out _));

        [Theory]
        [InlineData("*.css", "styles/site.css", true)]
        [InlineData("*.css", "styles/site.js", false)]
        [InlineData("styles/*.css", "styles/site.css", true)]
        [InlineData("styles/*.css", "styles/sub/site.css", false)]
        [InlineData("styles/**/*.css", "styles/sub/deep/site.css", true)]
        [InlineData("styles/**/*.css", "styles/site.css", true)]
        [InlineData("**/vendor/**", "a/vendor/x.js", true)]
        [InlineData("IMG/*.PNG", "img/logo.png", true)]
        [InlineData("file?.txt", "file1.txt", true)]
        [InlineData("file[0-3].txt", "file4.txt", false)]
        [InlineData("file[!0-3].txt", "file4.txt", true)]
        [InlineData("a+b(1).css", "a+b(1).css", true)]
        public void Globs_match_keys(string pattern, string key, bool expected) => Assert.Equal(expected, new Glob(pattern).IsMatch(key));

        [Fact]
        public void Summary_reads_like_s3deploy()
        {
            var summary = new PublishSummary("s3://bucket/", toStore: true);
            summary.Add(new PublishResult(PublishAction.Created, PublishReason.New, "a", "s3://bucket/a", 2048));
            summary.Add(new PublishResult(PublishAction.Updated, PublishReason.ContentChanged, "b", "s3://bucket/b", 1024));
            summary.Add(new PublishResult(PublishAction.Updated, PublishReason.HeadersChanged, "c", "s3://bucket/c", 0));
            summary.Add(new PublishResult(PublishAction.Skipped, PublishReason.Unchanged, "d", "s3://bucket/d", 0));
            summary.Add(new PublishResult(PublishAction.Deleted, PublishReason.Orphan, "e", "s3://bucket/e", 0));
            summary.Elapsed = System.TimeSpan.FromSeconds(1.5);

            Assert.Equal(4, summary.Files);
            Assert.Equal("Deleted 1 of 1, uploaded 3, skipped 1 (80% changed); 3.0 KiB in 1.50 s", summary.ToString());
        }

        [Fact]
        public void Summary_counts_orphans_a_guard_kept_and_failures()
        {
            var summary = new PublishSummary("/out");
            summary.Add(new PublishResult(PublishAction.Linked, PublishReason.New, "a", "/out/a", 0));
            summary.Add(new PublishResult(PublishAction.Failed, PublishReason.Error, "b", "/out/b", 0));
            summary.Add(new PublishResult(PublishAction.Skipped, PublishReason.Unchanged, "c", "/out/c", 0));
            summary.Add(new PublishResult(PublishAction.Skipped, PublishReason.Orphan, "d", "/out/d", 0));
            summary.Add(new PublishResult(PublishAction.Skipped, PublishReason.Orphan, "e", "/out/e", 0));

            Assert.Equal((1, 2, 3), (summary.Skipped, summary.Orphans, summary.Files));
            Assert.Equal("Deleted 0 of 2, wrote 1 (1 linked), skipped 1 (33% changed), failed 1; 0 B in 0.00 s", summary.ToString());
        }
    }
}
