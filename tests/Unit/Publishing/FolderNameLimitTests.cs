using System.IO;
using System.Linq;
using System.Threading;
using System.Text;
using MediaSync.Publishing;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>Names at the edge of what a folder can hold: long multibyte names, and names Windows cannot hold.</summary>
    public sealed class FolderNameLimitTests : System.IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        /// <summary>80 CJK characters are 240 bytes: the name fits a 255-byte file name, so its temp file must too.</summary>
        [Theory]
        [InlineData(PublishMode.Copy, PublishAction.Created)]
        [InlineData(PublishMode.Link, PublishAction.Linked)]
        public void A_long_multibyte_name_that_fits_the_folder_is_published_and_no_temp_file_is_left(PublishMode mode, PublishAction done)
        {
            var name = new string('\u6f22', 80) + ".css";
            Assert.InRange(Encoding.UTF8.GetByteCount(name), 240, 255);
            _tree.Write("src/css/" + name, "a{}");
            var host = new RecordingHost();
            var results = Publisher.Publish(new PublishRequest(_tree.PathOf("out")) { Mode = mode }, TestMedia.Discover(_tree.PathOf("src")), host).ToArray();

            Assert.Empty(host.Errors);
            Assert.Equal(done, results.Single().Action);
            Assert.Equal("a{}", File.ReadAllText(_tree.PathOf("out/css/" + name)));
            Assert.Equal(new[] { name }, Directory.GetFileSystemEntries(_tree.PathOf("out/css")).Select(Path.GetFileName));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Names_windows_cannot_hold_fail_up_front_on_a_windows_folder_and_the_rest_publishes_with_deletes_held_back(bool whatIf)
        {
            _tree.Write("src/css/a.css", "a{}");
            _tree.Write("src/css/a:b.css", "x{}");
            _tree.Write("src/css/trailing.", "x{}");
            _tree.Write("src/nul.css", "x{}");
            _tree.Write("out/orphan.css", "kept");
            var store = new FolderStore(_tree.PathOf("out"), caseSensitive: false, windowsNames: true);
            var host = new RecordingHost();

            var results = Publisher.Publish(new PublishRequest { Delete = true, WhatIf = whatIf }, TestMedia.Discover(_tree.PathOf("src")), store, host).ToList();

            Assert.Equal(new[] { "css/a.css" }, results.Where(r => r.Action == PublishAction.Created).Select(r => r.RelativePath));
            var refused = host.Errors.Where(e => e.Id == "MediaSync.KeyNotStorable").Select(e => e.Message).OrderBy(m => m, System.StringComparer.Ordinal).ToList();
            Assert.Equal(3, refused.Count);
            Assert.Contains(refused, m => m.StartsWith("Could not publish 'css/a:b.css'") && m.Contains("may not hold ':'"));
            Assert.Contains(refused, m => m.StartsWith("Could not publish 'css/trailing.'") && m.Contains("drops the '.' that ends 'trailing.'"));
            Assert.Contains(refused, m => m.StartsWith("Could not publish 'nul.css'") && m.Contains("names a device on Windows"));
            Assert.Contains(host.Errors, e => e.Id == "MediaSync.DeleteSkippedAfterFailures");
            Assert.Equal("kept", _tree.Read("out/orphan.css"));
            var written = store.List(CancellationToken.None).Select(o => o.Key).ToArray();
            Assert.Equal(whatIf ? new[] { "orphan.css" } : new[] { "css/a.css", "orphan.css" }, written);
        }

        [Fact]
        public void A_name_longer_than_the_folder_can_hold_fails_with_its_length_instead_of_an_io_error()
        {
            var name = new string('\u00e9', 128) + ".css";   // 260 bytes of UTF-8
            var files = new[] { TestMedia.InMemory("css/" + name, "x{}", System.DateTime.UtcNow), TestMedia.InMemory("css/a.css", "a{}", System.DateTime.UtcNow) };
            var host = new RecordingHost();

            var results = Publisher.Publish(new PublishRequest(_tree.PathOf("out")), files, host).ToList();

            Assert.Equal(new[] { "css/a.css" }, results.Where(r => r.Action == PublishAction.Created).Select(r => r.RelativePath));
            var refused = Assert.Single(host.Errors, e => e.Id == "MediaSync.KeyNotStorable");
            Assert.Contains("a file or folder name is at most 255 bytes of UTF-8 here", refused.Message);
            Assert.Contains("has 260", refused.Message);
            Assert.Equal(new[] { "a.css" }, Directory.GetFileSystemEntries(_tree.PathOf("out/css")).Select(Path.GetFileName));
        }

        [Theory]
        [InlineData("abc", 2, "ab")]
        [InlineData("\u00e9\u00e9", 3, "\u00e9")]          // two bytes each: never half of one
        [InlineData("a\U0001F600b", 4, "a")]              // a pair is four bytes, kept or dropped whole
        [InlineData("a\U0001F600b", 5, "a\U0001F600")]
        [InlineData("short", 100, "short")]
        public void A_temp_name_keeps_the_longest_start_of_the_name_that_fits_in_whole_characters(string name, int maxBytes, string kept) =>
            Assert.Equal(kept, MediaSync.Platform.AtomicFile.Prefix(name, maxBytes));
    }
}
