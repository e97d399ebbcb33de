using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MediaSync.Tests.Support
{
    /// <summary>Node helpers for checks that need a real CSS parser: css-tree, pinned, installed once into out/cache.</summary>
    public static class NodeTools
    {
        public const string CssTreeVersion = "3.1.0";
        private static readonly object Gate = new object();

        private static string CssTreeRoot
        {
            get
            {
                var root = Path.Combine(RepoPaths.Root, "out", "cache", "node-tools", "css-tree-" + CssTreeVersion);
                lock (Gate)
                {
                    if (!File.Exists(Path.Combine(root, "node_modules", "css-tree", "package.json")))
                    {
                        Directory.CreateDirectory(root);
                        var (code, output) = Run("npm", root, "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", root, "css-tree@" + CssTreeVersion);
                        Assert.True(code == 0, "npm could not install css-tree: " + output);
                    }
                }
                return root;
            }
        }

        /// <summary>Each file's rules (type, prelude, declarations) as css-tree parses and regenerates them.</summary>
        public static JsonElement CssDeclarations(params string[] files)
        {
            var script = Path.Combine(RepoPaths.Root, "tests", "Unit", "Processing", "tools", "css-declarations.js");
            var (code, output) = Run("node", RepoPaths.Root, new[] { script }.Concat(files).ToArray(), ("CSSTREE_ROOT", CssTreeRoot));
            Assert.True(code == 0, "css-tree failed: " + output);
            return JsonDocument.Parse(output).RootElement;
        }

        /// <summary>What a classic script prints in a fresh V8 context (the shared kit's runjs.js); "THREW …" when it throws.</summary>
        public static string RunJs(string script)
        {
            var runner = Path.Combine(RepoPaths.SharedBench, "minify", "tools", "runjs.js");
            var (code, output) = Run("node", RepoPaths.Root, runner, script);
            Assert.True(code == 0, "node failed: " + output);
            return output;
        }

        internal static (int, string) Run(string file, string workingDirectory, params string[] arguments) => Run(file, workingDirectory, arguments, null);

        private static (int, string) Run(string file, string workingDirectory, string[] arguments, (string Name, string Value)? environment)
        {
            var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            if (environment != null) start.Environment[environment.Value.Name] = environment.Value.Value;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, process.ExitCode == 0 ? stdout : stdout + stderr.Result);
        }
    }
}
