using System.Linq;
using MediaSync.Processing.References;
using Xunit;

namespace MediaSync.Tests.Processing
{
    public sealed class JsReferencesTests
    {
        private static string[] Values(string js) => JsReferences.Find(js).Select(r => r.Kind + ":" + r.Value).ToArray();

        [Theory]
        [InlineData("import { a } from \"./a.js\";", "StaticImport:./a.js")]
        [InlineData("import a,{b as c}from'./a.js'", "StaticImport:./a.js")]
        [InlineData("import\"./side.js\";", "StaticImport:./side.js")]
        [InlineData("export * from \"./a.js\"; export * as ns from './b.js';", "StaticImport:./a.js", "StaticImport:./b.js")]
        [InlineData("export{noChange}from\"../directive.js\";", "StaticImport:../directive.js")]
        [InlineData("const m = await import(\"./lazy.js\");", "DynamicImport:./lazy.js")]
        [InlineData("const u = new URL('./w.wasm', import.meta.url);", "NewUrl:./w.wasm")]
        [InlineData("x()\n//# sourceMappingURL=app.js.map", "SourceMap:app.js.map")]
        [InlineData("x()\n//@ sourceMappingURL=app.js.map\n", "SourceMap:app.js.map")]
        [InlineData("import x from \"lit\";", "StaticImport:lit")] // found, and left alone when resolved
        [InlineData("import(`./lazy.js`); new URL(`./w.wasm`, import.meta.url);", "DynamicImport:./lazy.js", "NewUrl:./w.wasm")] // as in manifest-cases/module.js
        [InlineData("import(`./${name}.js`); z = q\nfrom `./a.js`;")] // a substitution is no literal, and no specifier is a template
        public void Finds_imports_exports_dynamic_imports_urls_and_maps(string js, params string[] expected) => Assert.Equal(expected, Values(js));

        [Theory]
        [InlineData("/** @type {import('./internal').Component} */ var c;")] // Preact's JSDoc
        [InlineData("// import './a.js'\nvar a;")]
        [InlineData("var s = \"import('./a.js')\";")]
        [InlineData("var t = `import(\"./a.js\") ${ x ? `from \"./b.js\"` : '' }`;")]
        [InlineData("var r = /import\"['\"]/g; var q = \"a\";")]
        [InlineData("var r = a.replace(/[/'\"]/, '') + x / 2 / 3;")]
        [InlineData("obj.import(\"./a.js\"); new URL('./a.png', base);")]
        public void Strings_templates_comments_and_regex_literals_do_not_fool_it(string js) => Assert.Empty(Values(js));

        [Fact]
        public void Code_after_a_template_expression_and_a_regex_is_still_seen()
        {
            const string js = "const a = `x${ {b:1}.b }y`; const r = /\"/; import(\"./later.js\");";
            Assert.Equal(new[] { "DynamicImport:./later.js" }, Values(js));
        }
    }
}
