using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>NUglify as the minifier without a native binary, and how -Minifier chooses.</summary>
    public sealed class NUglifyMinifierTests : ProcessingFixture
    {
        /// <summary>Modern JavaScript beyond the shared kit's cases (which are mostly about scanning): ES2015 to ES2022, in modern-js/.</summary>
        internal static string ModernCases => Path.Combine(RepoPaths.Root, "tests", "Unit", "Processing", "modern-js");

        /// <summary>
        /// What NUglify 1.23.6 gets wrong of all the cases (the kit's and modern-js/): the minified script
        /// prints something else in node. docs/benchmarks.md and the help of -Minifier name them; a change here means
        /// NUglify changed. esbuild keeps the meaning of every case.
        /// </summary>
        private static readonly string[] BrokenByNUglify = { "tagged-template-raw.js" };

        /// <summary>What NUglify 1.23.6 cannot parse, and so leaves as it is, with a warning: class static blocks.</summary>
        private static readonly string[] RejectedByNUglify = { "class-static-block.js" };

        private IReadOnlyList<MediaFile> Minify(IReadOnlyList<MediaFile> files, ProcessorSettings settings) =>
            MediaProcessing.Run(files, new[] { BuiltInProcessors.Create("Minify", settings) }, Host);

        private List<string> AllCases()
        {
            var cases = Directory.GetFiles(Path.Combine(RepoPaths.SharedBench, "minify", "tricky", "js"), "*.js").OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(cases);
            cases.AddRange(Directory.GetFiles(ModernCases, "*.js").OrderBy(f => f, StringComparer.Ordinal));
            return cases;
        }

        [Theory]
        [InlineData(MinifierChoice.NUglify)]
        [InlineData(MinifierChoice.Esbuild)]
        public void Each_minifier_keeps_the_meaning_of_the_tricky_and_modern_javascript_but_the_known_cases(MinifierChoice minifier)
        {
            var cases = AllCases();

            var result = Minify(cases.Select(f => FromFile(Path.GetFileName(f), f)).ToList(), new ProcessorSettings { Minifier = minifier, EsbuildPath = RepoPaths.Esbuild });

            var broken = new List<string>();
            var rejected = new List<string>();
            for (var i = 0; i < cases.Count; i++)
            {
                var name = Path.GetFileName(cases[i]);
                if (result[i].Processors.Count == 0)   // passed through as it was: the minifier rejected it
                {
                    rejected.Add(name);
                    continue;
                }
                var minified = Tree.Write(minifier + "/" + name, Text(result[i]));
                // esbuild may grow a file by lowering syntax to its --target (class fields to WeakMaps); sizes are the benchmark's business
                Assert.NotEqual(File.ReadAllText(cases[i]), File.ReadAllText(minified));
                if (NodeTools.RunJs(cases[i]) != NodeTools.RunJs(minified)) broken.Add(name);
            }
            Assert.Equal(minifier == MinifierChoice.NUglify ? BrokenByNUglify : new string[0], broken);
            Assert.Equal(minifier == MinifierChoice.NUglify ? RejectedByNUglify : new string[0], rejected);
            Assert.Equal(rejected.Count, Host.Warnings.Count);
        }

        [Fact]
        public void NUglify_keeps_legal_comments_and_with_KeepNames_every_name_as_esbuild_does()
        {
            var js = Write("app.js", "/*! MIT license */\n(function () {\n  class LongClassName { hello() { return 1; } }\n" +
                "  function makeGreeting(personName) { var longLocalName = 'hi ' + personName; return longLocalName; }\n" +
                "  const arrowValue = () => 3;\n  console.log(LongClassName.name, makeGreeting.name, arrowValue.name, makeGreeting('x'));\n})();\n");

            var plain = Minify(new[] { js }, new ProcessorSettings { Minifier = MinifierChoice.NUglify })[0];
            var kept = Minify(new[] { js }, new ProcessorSettings { Minifier = MinifierChoice.NUglify, Esbuild = new EsbuildOptions { KeepNames = true } })[0];
            var esbuild = Minify(new[] { js }, new ProcessorSettings { EsbuildPath = RepoPaths.Esbuild, Esbuild = new EsbuildOptions { KeepNames = true } })[0];
            var bare = Text(Minify(new[] { js }, new ProcessorSettings { Minifier = MinifierChoice.NUglify, Esbuild = new EsbuildOptions { LegalComments = "none" } })[0]);

            Assert.StartsWith("/*! MIT license */", Text(plain));
            Assert.DoesNotContain("longLocalName", Text(plain));
            Assert.NotEqual(NodeTools.RunJs(js.FullName), Run(plain));      // without KeepNames the names shrink
            Assert.Equal("LongClassName makeGreeting arrowValue hi x\n", Run(kept));
            Assert.Equal(Run(esbuild), Run(kept));
            Assert.DoesNotContain("MIT license", bare);
        }

        private string Run(MediaFile minified) => NodeTools.RunJs(Tree.Write("run/" + Guid.NewGuid().ToString("N") + ".js", Text(minified)));

        [Theory]
        [InlineData("bad.css", "a { color: red; }\n}}} .b { color: ; ", "bad.css:")]
        [InlineData("bad.js", "var ok = 1;\nfunction (", "bad.js:2:")]
        public void A_file_NUglify_rejects_keeps_its_bytes_with_one_warning_naming_the_place(string key, string text, string place)
        {
            var bad = Write(key, text);
            var good = Write("good.css", "p  {  margin :  0  }");

            var result = Minify(new[] { bad, good }, new ProcessorSettings { Minifier = MinifierChoice.NUglify });

            Assert.Same(bad, result[0]);
            Assert.Equal("p{margin:0}", Text(result[1]));
            var warning = Assert.Single(Host.Warnings);
            Assert.Contains($"NUglify could not minify '{key}' ({place}", warning);
            Assert.Empty(Host.Errors);
        }

        [Fact]
        public void Each_NUglify_warning_is_one_short_line_naming_file_line_and_column()
        {
            // the cases NUglify rejects: a class static block makes it quote the whole block
            var cases = AllCases().Where(f => RejectedByNUglify.Contains(Path.GetFileName(f))).ToList();
            Assert.NotEmpty(cases);
            cases.Add(Write("multi.js", "class A {\n  static {\n    this.a = 1;\n    this.b = 2;\n    this.c = 3;\n    this.d = 4;\n  }\n}\n").FullName);

            Minify(cases.Select(f => FromFile(Path.GetFileName(f), f)).ToList(), new ProcessorSettings { Minifier = MinifierChoice.NUglify });

            Assert.Equal(cases.Count, Host.Warnings.Count);
            Assert.All(Host.Warnings, w =>
            {
                Assert.DoesNotContain("\n", w);
                Assert.True(w.Length < 260, w);
                Assert.Matches(@"^NUglify could not minify '[^']+' \([^:]+:\d+:\d+: ", w);
            });
        }

        [Fact]
        public void Auto_uses_esbuild_when_it_can_run()
        {
            var minify = BuiltInProcessors.Create("Minify", new ProcessorSettings { EsbuildPath = RepoPaths.Esbuild });
            Assert.IsType<EsbuildMinifier>(minify);
        }

        [Fact]
        public void Without_esbuild_Esbuild_is_a_clear_error_and_Auto_falls_back_to_NUglify_for_css()
        {
            var nowhere = Tree.PathOf("empty");
            var error = Assert.Throws<MediaSyncException>(() =>
                BuiltInProcessors.Create("Minify", new ProcessorSettings { ModuleRoot = Tree.Root, SearchPath = nowhere, Minifier = MinifierChoice.Esbuild }));
            Assert.Equal("MediaSync.EsbuildUnavailable", error.Error.Id);
            Assert.Contains("-Minifier Auto or NUglify", error.Error.RecommendedAction);

            var auto = BuiltInProcessors.Create("Minify", new ProcessorSettings { ModuleRoot = Tree.Root, SearchPath = nowhere });
            var files = new[] { Write("a.css", "a {  margin: 0;  }"), Write("b.js", "var  x = 1;") };
            var result = MediaProcessing.Run(files, new[] { auto }, Host);
            Assert.Equal("a{margin:0}", Text(result[0]));
            Assert.Same(files[1], result[1]);
            Assert.Contains("-Minifier NUglify", Assert.Single(Host.Warnings));
        }
    }
}
