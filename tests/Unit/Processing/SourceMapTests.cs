using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>Minify -SourceMap and the stale maps without it, with the real esbuild over real npm packages.</summary>
    public sealed class SourceMapTests : ProcessingFixture
    {
        private static string RealWorld => Path.GetFullPath(Path.Combine(RepoPaths.SharedBench, "..", "real-world", "site", "media"));

        /// <summary>A real package's files under their keys, read where they are (as Get-MediaFile finds them).</summary>
        private static List<MediaFile> Package(params string[] keys) => keys.Select(k => FromFile(k, Path.Combine(RealWorld, k))).ToList();

        private IReadOnlyList<MediaFile> Minify(IReadOnlyList<MediaFile> files, bool sourceMap) =>
            MediaProcessing.Run(files, new IMediaProcessor[] { new EsbuildMinifier(RepoPaths.Esbuild, new EsbuildOptions { SourceMap = sourceMap }) }, Host);

        private static JsonElement Json(MediaFile file) => JsonDocument.Parse(file.Content.ReadAllBytes()).RootElement.Clone();

        private static string[] Sources(MediaFile map) => Json(map).GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToArray();

        [Fact]
        public void The_new_map_composes_the_inputs_map_names_the_original_sources_and_is_named_for_the_real_key()
        {
            var files = Package("vendor/popperjs-core/dist/umd/popper.js", "vendor/popperjs-core/dist/umd/popper.js.map",
                "vendor/milligram/dist/milligram.css", "vendor/milligram/dist/milligram.css.map");
            var inputSources = Sources(files[1]);

            var result = Minify(files, sourceMap: true);

            Assert.Equal(files.Select(f => f.RelativePath).OrderBy(k => k, StringComparer.Ordinal), result.Select(f => f.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
            var popperMap = result.Single(f => f.RelativePath == "vendor/popperjs-core/dist/umd/popper.js.map");
            Assert.Equal(new[] { "Minify" }, popperMap.Processors);
            Assert.Equal("popper.js", Json(popperMap).GetProperty("file").GetString());
            // the composed map names popper's src/*.js, as its own map does, resolved from the published folder, not the intermediate popper.js
            var sources = Sources(popperMap);
            Assert.Contains("../../src/createPopper.js", sources);
            Assert.DoesNotContain("popper.js", sources);
            Assert.Subset(new HashSet<string>(inputSources), new HashSet<string>(sources));
            Assert.EndsWith("//# sourceMappingURL=popper.js.map\n", Text(result.Single(f => f.RelativePath.EndsWith("popper.js", StringComparison.Ordinal))));

            var cssMap = result.Single(f => f.RelativePath == "vendor/milligram/dist/milligram.css.map");
            Assert.Equal("milligram.css", Json(cssMap).GetProperty("file").GetString());
            Assert.Equal(new[] { "milligram.css" }, Sources(cssMap));
            Assert.EndsWith("/*# sourceMappingURL=milligram.css.map */\n", Text(result.Single(f => f.RelativePath == "vendor/milligram/dist/milligram.css")));
            Assert.Empty(Host.Errors);
            Assert.Empty(Host.Warnings);
        }

        [Fact]
        public void A_stylesheets_map_to_its_scss_is_composed_and_its_sources_stay_relative_to_the_published_folder()
        {
            var css = Write("css/a.css", ".a {\n  color: red;\n}\n/*# sourceMappingURL=a.css.map */\n");
            var map = Write("css/a.css.map", "{\"version\":3,\"sources\":[\"../scss/a.scss\"],\"sourcesContent\":[\".a { color: red }\"],\"names\":[],\"mappings\":\"AAAA;EAAK\"}");

            var result = Minify(new[] { css, map }, sourceMap: true);

            var composed = result.Single(f => f.RelativePath == "css/a.css.map");
            Assert.Equal(new[] { "../scss/a.scss" }, Sources(composed));
            Assert.Equal(".a { color: red }", Json(composed).GetProperty("sourcesContent")[0].GetString());
            Assert.Equal(".a{color:red}\n/*# sourceMappingURL=a.css.map */\n", Text(result.Single(f => f.RelativePath == "css/a.css")));
        }

        [Fact]
        public void No_absolute_temp_or_index_name_leaks_into_maps_or_outputs_even_for_content_held_in_memory()
        {
            // a file held in memory goes through esbuild's temp folder as 0.js; a file on disk is read where it is
            var inMemory = Write("js/app.js", "export function greet(name) {\n  return 'hello ' + name;\n}\n").Derive(
                MediaSync.Content.MediaContent.FromBytes(System.Text.Encoding.UTF8.GetBytes("export function greet(name) {\n  return 'hi ' + name;\n}\n")), "Test");
            var files = new List<MediaFile> { inMemory };
            files.AddRange(Package("vendor/popperjs-core/dist/umd/popper.js", "vendor/popperjs-core/dist/umd/popper.js.map"));

            var result = Minify(files, sourceMap: true);

            var appMap = result.Single(f => f.RelativePath == "js/app.js.map");
            Assert.Equal(new[] { "app.js" }, Sources(appMap));
            Assert.Equal("app.js", Json(appMap).GetProperty("file").GetString());
            foreach (var file in result)
            {
                var text = Text(file);
                foreach (var leak in new[] { Path.GetTempPath().TrimEnd('/', '\\'), RealWorld, RepoPaths.Root, "mediasync-esbuild-", "sourceMappingURL=0.", "sourceMappingURL=1.", "\"file\":\"0.", "\"file\":\"1." })
                    Assert.DoesNotContain(leak, text);
            }
            foreach (var map in result.Where(f => f.RelativePath.EndsWith(".map", StringComparison.Ordinal)))
                Assert.All(Sources(map), s => Assert.False(Path.IsPathRooted(s) || s.Contains(':'), $"{map.RelativePath} names {s}"));
        }

        [Fact]
        public void Without_SourceMap_the_map_of_a_minified_file_is_not_published_and_the_map_of_a_skipped_min_file_stays()
        {
            var files = Package("vendor/popperjs-core/dist/umd/popper.js", "vendor/popperjs-core/dist/umd/popper.js.map",
                "vendor/popperjs-core/dist/umd/popper.min.js", "vendor/popperjs-core/dist/umd/popper.min.js.map",
                "vendor/milligram/dist/milligram.css", "vendor/milligram/dist/milligram.css.map");

            var result = Minify(files, sourceMap: false);

            Assert.Equal(new[] { "vendor/milligram/dist/milligram.css", "vendor/popperjs-core/dist/umd/popper.js", "vendor/popperjs-core/dist/umd/popper.min.js",
                "vendor/popperjs-core/dist/umd/popper.min.js.map" }, result.Select(f => f.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
            Assert.DoesNotContain("sourceMappingURL", Text(result.Single(f => f.RelativePath.EndsWith("/popper.js", StringComparison.Ordinal))));
            Assert.Same(files[3], result.Single(f => f.RelativePath.EndsWith("popper.min.js.map", StringComparison.Ordinal)));
            Assert.Equal(2, Host.Verbose.Count(v => v.Contains("is not published")));
            Assert.Contains(Host.Verbose, v => v.StartsWith("'vendor/milligram/dist/milligram.css.map' is not published", StringComparison.Ordinal));
        }

        [Fact]
        public void SourceMap_with_NUglify_is_a_clear_argument_error()
        {
            var error = Assert.Throws<MediaSyncException>(() => BuiltInProcessors.Create("Minify",
                new ProcessorSettings { Minifier = MinifierChoice.NUglify, Esbuild = new EsbuildOptions { SourceMap = true } }));
            Assert.Equal("MediaSync.SourceMapNeedsEsbuild", error.Error.Id);
            Assert.Equal(ErrorKind.InvalidArgument, error.Error.Kind);
        }
    }
}
