using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using MediaSync.Publishing;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    public sealed class CompressionTests : ProcessingFixture
    {

        private static readonly string Css = string.Concat(Enumerable.Range(0, 200).Select(i => $".rule-{i} {{ color: #{i:x3}; margin: {i}px; }}\n"));

        private MediaFile[] Compress(CompressionRequest request, params MediaFile[] files) => MediaCompression.Compress(files, request, Host).ToArray();

        [Fact]
        public void Each_original_is_followed_by_its_gzip_and_brotli_variants()
        {
            var css = Write("css/site.css", Css);

            var files = Compress(new CompressionRequest(), css);

            Assert.Equal(new[] { "css/site.css", "css/site.css.gz", "css/site.css.br" }, files.Select(f => f.RelativePath));
            Assert.Same(css, files[0]);
            Assert.Equal(new[] { null, "gzip", "br" }, files.Select(f => f.ContentEncoding));
            Assert.All(files.Skip(1), v => Assert.Equal("css/site.css", v.VariantOf));
            Assert.All(files.Skip(1), v => Assert.Equal("text/css; charset=utf-8", v.ContentType));
            Assert.Equal(new[] { "Gzip" }, files[1].Processors);
            Assert.Equal(Css, Encoding.UTF8.GetString(Gunzip(files[1].Content.ReadAllBytes())));
            using var brotli = new BrotliStream(new MemoryStream(files[2].Content.ReadAllBytes()), CompressionMode.Decompress);
            Assert.Equal(Css, new StreamReader(brotli).ReadToEnd());
        }

        [Fact]
        public void Gzip_output_is_deterministic_with_mtime_zero_and_no_name()
        {
            var first = MediaCompression.GzipBytes(Encoding.UTF8.GetBytes(Css));
            var second = MediaCompression.GzipBytes(Encoding.UTF8.GetBytes(Css));

            Assert.Equal(first, second);
            Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 }, first.Take(10));
            using var gzip = new GZipStream(new MemoryStream(first), CompressionMode.Decompress);
            Assert.Equal(Css, new StreamReader(gzip).ReadToEnd());   // the trailer's CRC and size check out
        }

        [Fact]
        public void Brotli_output_is_deterministic() =>
            Assert.Equal(MediaCompression.BrotliBytes(Encoding.UTF8.GetBytes(Css)), MediaCompression.BrotliBytes(Encoding.UTF8.GetBytes(Css)));

        [Theory]
        [InlineData(VariantNaming.Suffix, "gzip", "js/app.js", "js/app.js.gz")]
        [InlineData(VariantNaming.Suffix, "br", "js/app.js", "js/app.js.br")]
        [InlineData(VariantNaming.Infix, "gzip", "js/app.js", "js/app.gz.js")]
        [InlineData(VariantNaming.Infix, "br", "a.b/app.min.css", "a.b/app.min.br.css")]
        [InlineData(VariantNaming.Infix, "gzip", "LICENSE", "LICENSE.gz")]
        [InlineData(VariantNaming.Infix, "gzip", "dir/.htaccess", "dir/.htaccess.gz")]
        [InlineData(VariantNaming.SameKey, "gzip", "js/app.js", "js/app.js")]
        public void Variants_are_named_by_the_chosen_scheme(VariantNaming naming, string encoding, string key, string expected) =>
            Assert.Equal(expected, MediaCompression.VariantKey(key, encoding, naming));

        [Fact]
        public void Only_compressible_types_get_variants()
        {
            var files = Compress(new CompressionRequest { MinimumSize = 0 },
                Write("b.png", new byte[1000]), Write("g.woff2", new byte[1000]), Write("n.wasm", new byte[1000]), Write("j.svg", new string(' ', 1000)));
            Assert.Equal(new[] { "j.svg.br", "j.svg.gz", "n.wasm.br", "n.wasm.gz" },
                files.Where(f => f.ContentEncoding != null).Select(f => f.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void Files_below_the_minimum_size_get_no_variant()
        {
            var files = Compress(new CompressionRequest { MinimumSize = 5000 }, Write("small.css", Css.Substring(0, 4999)), Write("big.css", Css.Substring(0, 5000)));
            Assert.Equal(new[] { "small.css", "big.css", "big.css.gz", "big.css.br" }, files.Select(f => f.RelativePath));
        }

        [Fact]
        public void A_variant_that_is_not_smaller_is_dropped()
        {
            var files = Compress(new CompressionRequest { MinimumSize = 0 }, Write("tiny.css", "a{}"));
            Assert.Single(files);
            Assert.Contains(Host.Verbose, v => v.Contains("tiny.css") && v.Contains("does not get 5% smaller"));
        }

        [Fact]
        public void Unknown_encodings_are_refused()
        {
            var request = new CompressionRequest { Encodings = { "zstd" } };
            Assert.Equal("MediaSync.ConflictingArguments", Assert.Throws<MediaSyncException>(() => MediaCompression.Validate(request)).Error.Id);
        }

        [Fact]
        public void Variants_publish_next_to_their_originals()
        {
            var files = Compress(new CompressionRequest(), Write("css/site.css", Css));
            var destination = Tree.PathOf("out");

            var results = MediaSync.Publishing.Publisher.Publish(new MediaSync.Publishing.PublishRequest(destination), files, Host).ToArray();

            Assert.Equal(3, results.Length);
            Assert.Equal(Css, Encoding.UTF8.GetString(Gunzip(File.ReadAllBytes(Path.Combine(destination, "css", "site.css.gz")))));
        }

        private static byte[] Gunzip(byte[] bytes)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
    }
}
