using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    public sealed class MediaProcessingTests : ProcessingFixture
    {

        private sealed class Lambda : IMediaProcessor
        {
            private readonly Func<MediaFile, string?> _transform;
            public Lambda(string name, Func<MediaFile, string?> transform) { Name = name; _transform = transform; }
            public string Name { get; }
            public bool Accepts(MediaFile file) => file.RelativePath.EndsWith(".css", StringComparison.Ordinal);
            public MediaContent? Process(MediaFile file, IEngineHost host)
            {
                var text = _transform(file);
                return text == null ? null : new MemoryContent(Encoding.UTF8.GetBytes(text));
            }
        }

        [Fact]
        public void Steps_run_in_order_and_are_recorded_with_the_original_hash_kept()
        {
            var css = Write("a.css", "body{}");
            var js = Write("b.js", "x()");
            var upper = new Lambda("Upper", f => Text(f).ToUpperInvariant());
            var wrap = new Lambda("Wrap", f => "/*w*/" + Text(f));

            var result = MediaProcessing.Run(new[] { css, js }, new IMediaProcessor[] { upper, wrap }, Host);

            Assert.Equal("/*w*/BODY{}", Text(result[0]));
            Assert.Equal(new[] { "Upper", "Wrap" }, result[0].Processors);
            Assert.Equal(css.Hash, result[0].OriginalHash);
            Assert.Same(css, result[0].Original);
            Assert.Equal("a.css", result[0].RelativePath);
            Assert.Equal(css.FullName, result[0].FullName);
            Assert.Same(js, result[1]);   // untouched files pass through as the same object, not copied
            Assert.Empty(result[1].Processors);
        }

        [Fact]
        public void Null_means_unchanged()
        {
            var css = Write("a.css", "body{}");
            var result = MediaProcessing.Run(new[] { css }, new IMediaProcessor[] { new Lambda("Nothing", _ => null) }, Host);
            Assert.Same(css, result[0]);
        }

        [Fact]
        public void A_failing_step_fails_that_file_only_with_one_error_naming_both_and_no_warning()
        {
            var bad = Write("bad.css", "x");
            var good = Write("good.css", "y");
            var step = new Lambda("Picky", f => f.RelativePath == "bad.css" ? throw new InvalidOperationException("boom") : "ok");

            var result = MediaProcessing.Run(new[] { bad, good }, new IMediaProcessor[] { step }, Host);

            Assert.Same(bad, result[0]);
            Assert.Equal("ok", Text(result[1]));
            var error = Assert.Single(Host.Errors);
            Assert.Equal("MediaSync.ProcessorFailed", error.Id);
            Assert.Contains("'Picky'", error.Message);
            Assert.Contains("'bad.css'", error.Message);
            Assert.Contains("boom", error.Message);
            Assert.Empty(Host.Warnings);
        }

        [Fact]
        public void Unknown_built_in_names_are_refused()
        {
            var e = Assert.Throws<MediaSyncException>(() => BuiltInProcessors.Create("Uglify", new ProcessorSettings()));
            Assert.Equal("MediaSync.UnknownProcessor", e.Error.Id);
            Assert.Contains("Minify", e.Message);
        }

        [Fact]
        public void An_explicit_esbuild_path_that_does_not_exist_is_refused()
        {
            var settings = new ProcessorSettings { EsbuildPath = Tree.PathOf("no/esbuild") };
            Assert.Equal("MediaSync.EsbuildNotFound", Assert.Throws<MediaSyncException>(() => BuiltInProcessors.Create("Minify", settings)).Error.Id);
        }

        [Fact]
        public void Without_esbuild_css_uses_NUglify_and_js_stays_with_one_warning_per_run()
        {
            var minify = BuiltInProcessors.Create("Minify", new ProcessorSettings { ModuleRoot = Tree.Root, SearchPath = Tree.PathOf("empty") });
            var files = new[] { Write("a.css", "a {  margin: 0;  }"), Write("b.js", "var  x = 1;"), Write("c.js", "var  y = 2;"), Write("lib.min.css", "a {  color: red;  }") };

            var result = MediaProcessing.Run(files, new[] { minify }, Host);

            Assert.Same(files[3], result[3]);   // already minified: skipped here as esbuild's path skips it
            Assert.Equal("a{margin:0}", Text(result[0]));
            Assert.Equal(new[] { "Minify" }, result[0].Processors);
            Assert.Same(files[1], result[1]);
            Assert.Same(files[2], result[2]);
            Assert.Single(Host.Warnings, w => w.Contains("esbuild was not found"));
        }
    }
}
