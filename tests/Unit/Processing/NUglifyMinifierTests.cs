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
        /// <summary>Modern JavaScript beyond the shared kit's cases (which are mostly about scanning): ES2015 to ES2022.</summary>
        internal static readonly Dictionary<string, string> ModernCases = new Dictionary<string, string>
        {
            ["arrows-and-closures.js"] = @"const makeObject = (k) => ({ [k]: k.length });
const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
console.log(JSON.stringify(makeObject(""key"")), fns.map(f => f()).join(""""), 2 ** 10, 1_000_000, typeof 10n);
",
            ["async-generators.js"] = @"function* range(n) { for (let i = 0; i < n; i++) yield i * 2; }
async function total() { let s = 0; for await (const v of (async function* () { yield 1; yield 2; })()) s += v; return s; }
console.log([...range(4)].join("",""));
total().then(function (t) { console.log(""async"", t); });
",
            ["class-fields.js"] = @"class Counter {
  #count = 0;
  static created = 0;
  increment() { this.#count++; return this.#count; }
  get value() { return this.#count; }
  static #secret() { return ""s""; }
  static reveal() { return Counter.#secret(); }
  static isCounter(o) { return #count in o; }
}
var c = new Counter(); c.increment(); c.increment();
console.log(c.value, Counter.created, Counter.reveal(), Counter.isCounter(c), Counter.isCounter({}));
",
            ["class-static-block.js"] = @"class Registry { static items = []; static { Registry.items.push(""boot""); } }
console.log(Registry.items.join("",""));
",
            ["destructuring.js"] = @"const { a = 1, b: { c = 2 } = {}, ...rest } = { d: 4, e: 5 };
const [x, , y = 3, ...others] = [10, 20, undefined, 40, 50];
const swap = ([p, q]) => [q, p];
console.log(a, c, JSON.stringify(rest), x, y, others.join(""-""), swap([1, 2]).join(""""));
",
            ["label-and-getters.js"] = @"var o = { get double() { return this.v * 2; }, set double(x) { this.v = x / 2; }, v: 3, [""computed"" + 1]: true, async method() {}, *gen() {} };
o.double = 10;
outer: for (var i = 0; i < 3; i++) { for (var j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; } }
console.log(o.double, o.v, o.computed1, i, j, typeof o.gen);
",
            ["nullish.js"] = @"var zero = 0, nothing = null;
console.log(zero ?? 5, nothing ?? ""fallback"", (nothing || 0) ?? 9);
var cfg = {}; cfg.x ??= 3; cfg.y ||= 4; cfg.z &&= 5;
console.log(JSON.stringify(cfg));
",
            ["optional-chaining.js"] = @"var o = { a: { b: null } };
console.log(o?.a?.b?.c, o.x?.y, o.a?.[""b""], typeof o.f?.());
",
            ["regex-modern.js"] = @"const m = /(?<year>\d{4})-(?<month>\d{2})/u.exec(""on 2024-05 then"");
console.log(m.groups.year, m.groups.month, ""a1b2"".replace(/(?<=a)\d/g, ""X""), /\p{L}+/u.test(""é""), /x/s.flags);
",
            ["tagged-template-raw.js"] = @"const tagged = (strings, ...vals) => strings.raw.join(""|"") + vals.join("","");
console.log(tagged`a${1}b\n${2}c`, String.raw`x\ty`);
",
        };

        /// <summary>
        /// What NUglify 1.23.6 gets wrong of all the cases (the kit's and <see cref="ModernCases"/>): the minified script
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
            foreach (var (name, text) in ModernCases) cases.Add(Tree.Write("modern/" + name, text));
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
        public void NUglify_keeps_legal_comments_and_with_KeepNames_function_names()
        {
            var js = Write("app.js", "/*! MIT license */\nfunction makeGreeting(personName) { var longLocalName = 'hi ' + personName; return longLocalName; }\nconsole.log(makeGreeting.name);\n");

            var plain = Text(Minify(new[] { js }, new ProcessorSettings { Minifier = MinifierChoice.NUglify })[0]);
            var kept = Text(Minify(new[] { js }, new ProcessorSettings { Minifier = MinifierChoice.NUglify, Esbuild = new EsbuildOptions { KeepNames = true } })[0]);
            var bare = Text(Minify(new[] { js }, new ProcessorSettings { Minifier = MinifierChoice.NUglify, Esbuild = new EsbuildOptions { LegalComments = "none" } })[0]);

            Assert.StartsWith("/*! MIT license */", plain);
            Assert.DoesNotContain("longLocalName", plain);
            Assert.Contains("function makeGreeting(", kept);
            Assert.DoesNotContain("MIT license", bare);
        }

        [Theory]
        [InlineData("bad.css", "a { color: red; }\n}}} .b { color: ; ", "line ")]
        [InlineData("bad.js", "var ok = 1;\nfunction (", "line 2")]
        public void A_file_NUglify_rejects_keeps_its_bytes_with_one_warning_naming_the_place(string key, string text, string place)
        {
            var bad = Write(key, text);
            var good = Write("good.css", "p  {  margin :  0  }");

            var result = Minify(new[] { bad, good }, new ProcessorSettings { Minifier = MinifierChoice.NUglify });

            Assert.Same(bad, result[0]);
            Assert.Equal("p{margin:0}", Text(result[1]));
            var warning = Assert.Single(Host.Warnings);
            Assert.Contains($"NUglify could not minify '{key}' at {place}", warning);
            Assert.Empty(Host.Errors);
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
