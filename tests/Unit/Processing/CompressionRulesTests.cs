using System;
using System.IO;
using System.Linq;
using System.Text;
using MediaSync.Processing;
using MediaSync.Processing.Cache;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>Which twins are kept (WhiteNoise's 5%), which types get none, order on all cores, and the twin cache.</summary>
    public sealed class CompressionRulesTests : ProcessingFixture
    {
        private static byte[] Noise(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        /// <summary>A font (compressible type) of random bytes with a compressible tail of <paramref name="zeros"/> bytes.</summary>
        private MediaFile Font(string key, int zeros) => Write(key, Noise(20_000, 1).Concat(new byte[zeros]).ToArray());

        [Fact]
        public void A_twin_that_saves_less_than_5_percent_is_dropped_and_one_that_saves_more_is_kept()
        {
            var barely = Font("fonts/barely.ttf", 500);     // saves about 2%: smaller, but not worth a second file
            var enough = Font("fonts/enough.ttf", 4_000);   // saves about 16%

            var files = MediaCompression.Compress(new[] { barely, enough }, new CompressionRequest { Encodings = new[] { MediaCompression.Gzip } }, Host).ToArray();

            Assert.True(MediaCompression.GzipBytes(barely.Content.ReadAllBytes()).Length < barely.Length);
            Assert.Equal(new[] { "fonts/barely.ttf", "fonts/enough.ttf", "fonts/enough.ttf.gz" }, files.Select(f => f.RelativePath));
            Assert.Contains(Host.Verbose, v => v.Contains("barely.ttf") && v.Contains("5%"));
        }

        [Theory]
        [InlineData("fonts/a.woff2")]
        [InlineData("fonts/a.woff")]
        [InlineData("img/a.png")]
        [InlineData("img/a.jpg")]
        [InlineData("img/a.webp")]
        [InlineData("img/a.avif")]
        [InlineData("dist/a.zip")]
        [InlineData("js/app.js.gz")]
        [InlineData("js/app.js.br")]
        [InlineData("video/a.mp4")]
        public void Already_compressed_types_get_no_twin_even_when_their_bytes_would_shrink(string key)
        {
            var file = Write(key, new string('a', 10_000));

            Assert.Equal(new[] { key }, MediaCompression.Compress(new[] { file }, new CompressionRequest(), Host).Select(f => f.RelativePath));
        }

        [Fact]
        public void On_all_cores_the_output_keeps_the_input_order_and_the_same_bytes()
        {
            var files = Enumerable.Range(0, 40).Select(i => Write($"css/f{i:00}.css", string.Concat(Enumerable.Range(0, 50 + i * 7).Select(n => $".r{n} {{ margin: {n * i}px }}\n")))).ToArray();

            var first = MediaCompression.Compress(files, new CompressionRequest(), Host).ToArray();
            var second = MediaCompression.Compress(files.Reverse().ToArray(), new CompressionRequest(), Host).ToArray();

            var expected = files.SelectMany(f => new[] { f.RelativePath }.Concat(MediaCompression.SupportedEncodings.Select(e => MediaCompression.VariantKey(f.RelativePath, e, VariantNaming.Suffix))));
            Assert.Equal(expected, first.Select(f => f.RelativePath));
            Assert.Equal(first.Length, second.Length);
            var byKey = second.ToDictionary(f => f.RelativePath, f => f.Content.ReadAllBytes());
            Assert.All(first, f => Assert.Equal(byKey[f.RelativePath], f.Content.ReadAllBytes()));
            Assert.Contains(Host.Progress, p => p.BytesTotal == files.Sum(f => f.Length) && p.BytesDone == p.BytesTotal);
        }

        [Fact]
        public void A_second_compression_reads_every_twin_from_the_cache_including_the_dropped_ones()
        {
            var files = new[] { Write("css/a.css", string.Concat(Enumerable.Range(0, 300).Select(n => $".r{n} {{ }}\n"))), Font("fonts/barely.ttf", 500) };
            var request = new CompressionRequest { Cache = new ProcessingCache(Tree.PathOf("cache")) };
            var first = MediaCompression.Compress(files, request, Host).ToArray();
            var cache = new ProcessingCache(Tree.PathOf("cache"));

            var second = MediaCompression.Compress(files, new CompressionRequest { Cache = cache }, Host).ToArray();

            Assert.Equal(0, cache.Misses);
            Assert.Equal(2 * MediaCompression.SupportedEncodings.Count, cache.Hits);
            Assert.Equal(first.Select(f => f.RelativePath), second.Select(f => f.RelativePath));
            Assert.Equal(first.Select(f => f.Content.ReadAllBytes()), second.Select(f => f.Content.ReadAllBytes()));
        }

        [Fact]
        public void Cancelling_stops_compression_with_no_error()
        {
            var files = Enumerable.Range(0, 20).Select(i => Write($"css/f{i}.css", new string('x', 5_000 + i))).ToArray();
            Host.Stop.Cancel();

            Assert.ThrowsAny<OperationCanceledException>(() => MediaCompression.Compress(files, new CompressionRequest(), Host).ToArray());
            Assert.Empty(Host.Errors);
        }
    }
}
