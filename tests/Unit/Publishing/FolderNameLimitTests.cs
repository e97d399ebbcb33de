using System.IO;
using System.Linq;
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
        [InlineData("abc", 2, "ab")]
        [InlineData("\u00e9\u00e9", 3, "\u00e9")]          // two bytes each: never half of one
        [InlineData("a\U0001F600b", 4, "a")]              // a pair is four bytes, kept or dropped whole
        [InlineData("a\U0001F600b", 5, "a\U0001F600")]
        [InlineData("short", 100, "short")]
        public void A_temp_name_keeps_the_longest_start_of_the_name_that_fits_in_whole_characters(string name, int maxBytes, string kept) =>
            Assert.Equal(kept, MediaSync.Platform.AtomicFile.Prefix(name, maxBytes));
    }
}
