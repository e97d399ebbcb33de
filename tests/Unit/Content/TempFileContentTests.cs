using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Publishing;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Content
{
    /// <summary>Processed content of 8 MiB and more lives in a temp file, not in memory, and goes when nothing holds it.</summary>
    public sealed class TempFileContentTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        [Theory]
        [InlineData(100, typeof(MemoryContent))]
        [InlineData((int)MediaContent.SpillThreshold - 1, typeof(MemoryContent))]
        [InlineData((int)MediaContent.SpillThreshold, typeof(TempFileContent))]
        public void New_bytes_spill_to_a_temp_file_from_the_threshold_up(int size, Type expected)
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);

            var content = MediaContent.FromBytes(bytes);

            Assert.IsType(expected, content);
            Assert.Equal(size, content.Length);
            Assert.Equal(bytes, content.ReadAllBytes());
            Assert.Null(content.FilePath); // never a source to link to
        }

        [Theory]
        [InlineData(100, typeof(MemoryContent))]
        [InlineData((int)MediaContent.SpillThreshold, typeof(TempFileContent))]
        public void A_scratch_file_is_taken_over_read_when_small_and_moved_when_large(int size, Type expected)
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            var scratch = _tree.Write("scratch/out.js", "");
            File.WriteAllBytes(scratch, bytes);

            var content = MediaContent.TakeFile(scratch);

            Assert.IsType(expected, content);
            Assert.False(File.Exists(scratch));
            Assert.Equal(bytes, content.ReadAllBytes());
        }

        [Fact]
        public void A_large_compressed_variant_is_held_in_a_temp_file_and_publishes_byte_for_byte()
        {
            // base64 of random bytes: text that gzip shrinks by only a quarter, so the variant stays above 8 MiB
            var random = new byte[9_500_000];
            new Random(7).NextBytes(random);
            var text = "/*" + Convert.ToBase64String(random) + "*/";
            var path = _tree.Write("src/big.css", text);
            var file = new MediaFile("big.css", path, MediaFile.ProjectSource, _tree.PathOf("src"), new FileContent(path, new FileInfo(path).Length), DateTime.UtcNow);

            var variants = MediaCompression.Compress(new[] { file }, new CompressionRequest { Encodings = new[] { "gzip" } }, new RecordingHost()).ToArray();
            var gzip = variants.Single(v => v.ContentEncoding == "gzip");
            var results = Publisher.Publish(new PublishRequest(_tree.PathOf("out")), variants, new RecordingHost()).ToArray();

            Assert.All(results, r => Assert.Null(r.Error));
            using var unpacked = new GZipStream(File.OpenRead(_tree.PathOf("out/big.css.gz")), CompressionMode.Decompress);
            Assert.Equal(text, new StreamReader(unpacked, Encoding.UTF8).ReadToEnd());
            Assert.IsType<TempFileContent>(gzip.Content);
            Assert.True(gzip.InMemory);
        }

        [Fact]
        public void The_temp_file_is_deleted_once_nothing_holds_the_content()
        {
            var path = MakeAndDrop();
            for (var i = 0; i < 10 && File.Exists(path); i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Assert.False(File.Exists(path));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static string MakeAndDrop()
        {
            var content = (TempFileContent)MediaContent.FromBytes(new byte[MediaContent.SpillThreshold]);
            Assert.True(File.Exists(content.TempPath));
            return content.TempPath;
        }
    }
}
