using System.Collections.Generic;
using System.Linq;
using System.Text;
using MediaSync.Processing;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>What both minifiers do with text that is not UTF-8 (issue 26): the real esbuild, and NUglify.</summary>
    public sealed class MinifierInputTests : ProcessingFixture
    {
        private static readonly Encoding Latin1 = Encoding.GetEncoding("iso-8859-1");

        private IReadOnlyList<MediaFile> Minify(bool esbuild, params MediaFile[] files)
        {
            IMediaProcessor step = esbuild ? new EsbuildMinifier(RepoPaths.Esbuild, new EsbuildOptions()) : new NUglifyMinifier(true, new EsbuildOptions());
            return MediaProcessing.Run(files, new[] { step }, Host);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_file_that_is_not_utf8_fails_with_one_encoding_error_and_keeps_its_bytes(bool esbuild)
        {
            // 0xE9 is é in Latin-1 and no UTF-8 at all; esbuild used to write it as "\fffd" without a word.
            var bad = Write("css/latin1.css", Latin1.GetBytes("a { content: \"\u00e9\"; }\n"));
            var good = Write("css/fine.css", "b  {  color :  red ; }\n");

            var result = Minify(esbuild, bad, good);

            Assert.Same(bad, result[0]);
            var error = Assert.Single(Host.Errors);
            Assert.Equal("MediaSync.TextEncodingInvalid", error.Id);
            Assert.Contains("css/latin1.css", error.Message);
            Assert.Empty(Host.Warnings);
            Assert.Equal(new[] { "Minify" }, result[1].Processors);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_stylesheet_whose_charset_names_another_encoding_is_left_unminified_with_a_note(bool esbuild)
        {
            // Valid Latin-1 that says so: a minifier would write UTF-8 under the old @charset, so it is not minified.
            var declared = Write("css/declared.css", Latin1.GetBytes("@charset \"iso-8859-1\";\na  {  content : \"\u00e9\" ; }\n"));

            var result = Minify(esbuild, declared);

            Assert.Same(declared, result[0]);
            Assert.Empty(Host.Errors);
            Assert.Empty(Host.Warnings);
            Assert.Contains(Host.Verbose, v => v.Contains("css/declared.css") && v.Contains("iso-8859-1"));
        }
    }
}
