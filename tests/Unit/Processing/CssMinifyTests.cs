using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MediaSync.Content;
using MediaSync.Processing;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>Tricky CSS through esbuild and through NUglify (the minifier without a native binary), checked with a real parser (css-tree).</summary>
    public sealed class CssMinifyTests : ProcessingFixture
    {

        /// <summary>Cases beyond the shared kit's: strings and escapes, custom properties, nesting and layers.</summary>
        private static readonly Dictionary<string, string> OwnCases = new Dictionary<string, string>
        {
            ["strings.css"] = "p::before { content: \"/* not a comment */ // nor this\"; }\nu { font-family: \"Font /*x*/ Name\", serif; }\n",
            ["escapes.css"] = ".\\31 0col { color: red; }\n.a\\:b { content: \"\\201C\"; }\n.sm\\:p-2 { padding: 2px }\n",
            ["custom.css"] = ":root { --json: { \"k\": 1 }; --space:   a   b  ; --empty: ; }\n.v::before { content: \"x  y\"; }\n",
            ["nesting.css"] = "@layer base, theme;\n@layer theme { .card { color: rgb(1, 1, 1); & .kid { color: rgb(255, 0, 0); } } }\n",
            ["comments.css"] = "/*! license: keep */\na/* c */b { color : red ; }\n.x { margin : 0 auto !important }\n",
            ["calc.css"] = ".a { width: calc( 100% - ( 2 * 3px ) ); height: min(10px,   5vh); }\n",
        };

        private IEnumerable<(string Name, string Path)> Cases()
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.SharedBench, "minify", "tricky", "css"), "*.css"))
                yield return (Path.GetFileName(file), file);
            foreach (var (name, text) in OwnCases)
                yield return (name, Tree.Write("own/" + name, text));
        }

        /// <summary>
        /// The tricky CSS that NUglify 1.23.6 rejects (and so leaves as it is, with a warning): a custom property whose
        /// value is a {}-block. docs/benchmarks.md lists it; a change here means NUglify changed.
        /// </summary>
        private static readonly string[] RejectedByNUglify = { "custom.css" };

        private (string Text, bool Rejected) NUglifyCase(string css)
        {
            var file = Write("nuglify-input/" + System.Guid.NewGuid().ToString("N") + ".css", css);
            var host = new RecordingHost();
            var result = MediaProcessing.Run(new[] { file }, new IMediaProcessor[] { new NUglifyMinifier(javaScript: false, new EsbuildOptions()) }, host);
            return (Text(result[0]), host.Warnings.Count > 0);
        }

        private string NUglify(string css)
        {
            var (text, rejected) = NUglifyCase(css);
            Assert.False(rejected, css);
            return text;
        }

        [Fact]
        public void NUglify_keeps_every_rule_and_property_of_the_tricky_cases_and_leaves_what_it_rejects_as_it_was()
        {
            var rejected = new List<string>();
            foreach (var (name, path) in Cases())
            {
                var original = File.ReadAllText(path);
                var (minified, wasRejected) = NUglifyCase(original);
                if (wasRejected)
                {
                    rejected.Add(name);
                    Assert.Equal(original, minified);
                    continue;
                }
                var minifiedPath = Tree.Write("nuglify/" + name, minified);
                var parsed = NodeTools.CssDeclarations(path, minifiedPath);
                // NUglify may rewrite values (red to #f00, 0px to 0); the rules, their properties and their order must stay.
                var expected = string.Join(",", Properties(parsed.GetProperty(path)));
                var actual = string.Join(",", Properties(parsed.GetProperty(minifiedPath)));
                Assert.True(expected == actual, $"{name}: {minified}\n expected {expected}\n actual   {actual}");
                Assert.True(minified.Length < original.Length, $"{name} did not shrink");
            }
            Assert.Equal(RejectedByNUglify, rejected);
        }

        [Fact]
        public void NUglify_keeps_the_spaces_that_carry_meaning_strings_and_legal_comments()
        {
            Assert.Contains(".a :first-child{", NUglify(".a :first-child { color: rgb(255, 0, 0); }"));
            Assert.Contains("and (min-width:1px)", NUglify("@media screen and (min-width: 1px) { .m { color: red } }"));
            Assert.Contains("calc(100% - 10px)", NUglify(".a { width: calc(100% - 10px); }"));
            Assert.Contains("\"/* not a comment */ // nor this\"", NUglify(OwnCases["strings.css"]));
            Assert.Contains(".\\31 0col", NUglify(OwnCases["escapes.css"]));
            Assert.StartsWith("/*! license: keep */", NUglify(OwnCases["comments.css"]));
            Assert.DoesNotContain("/* c */", NUglify(OwnCases["comments.css"]));
        }

        [Fact]
        public void Esbuild_keeps_every_rule_and_property_of_the_tricky_cases()
        {
            var cases = Cases().ToList();
            var files = cases.Select(c => new MediaFile(c.Name, c.Path, MediaFile.ProjectSource, Path.GetDirectoryName(c.Path)!,
                new FileContent(c.Path, new FileInfo(c.Path).Length), TempTree.BaseTime)).ToList();
            var host = new RecordingHost();
            var minified = MediaProcessing.Run(files, new IMediaProcessor[] { new EsbuildMinifier(RepoPaths.Esbuild, new EsbuildOptions()) }, host);
            Assert.Empty(host.Errors);

            for (var i = 0; i < cases.Count; i++)
            {
                var text = Encoding.UTF8.GetString(minified[i].Content.ReadAllBytes());
                if (cases[i].Name == "nesting.css")
                {
                    // esbuild drops the '&' of a nested descendant rule, which css-tree 3.1 cannot parse; check it directly.
                    Assert.Contains(".card{color:#010101;.kid{color:red}}", text);
                    continue;
                }
                var minifiedPath = Tree.Write("esbuild/" + cases[i].Name, text);
                var parsed = NodeTools.CssDeclarations(cases[i].Path, minifiedPath);
                // esbuild may rewrite values (rgb(255,0,0) to red, 0% to from); the properties and their order must stay.
                var expected = string.Join(",", Properties(parsed.GetProperty(cases[i].Path)));
                var actual = string.Join(",", Properties(parsed.GetProperty(minifiedPath)));
                Assert.True(expected == actual, $"{cases[i].Name}: {File.ReadAllText(minifiedPath)}\n expected {expected}\n actual   {actual}");
            }
        }

        private static string[] Properties(JsonElement file) =>
            file.GetProperty("rules").EnumerateArray()
                .SelectMany(r => r.GetProperty("decls").EnumerateArray().Select(d => d.GetString()!.Split(':')[0])).ToArray();
    }
}
