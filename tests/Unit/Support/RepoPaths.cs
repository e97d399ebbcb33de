using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MediaSync.Tests.Support
{
    /// <summary>Paths the build wrote into this test assembly.</summary>
    public static class RepoPaths
    {
        private static string Metadata(string key) =>
            typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");

        public static string Root => Metadata("RepoRoot");
        public static string BuiltModule => Path.Combine(Root, "out", "MediaSync");
        /// <summary>The shared benchmark kit beside the repository (../shared/bench); CI clones it there too.</summary>
        public static string SharedBench => Path.GetFullPath(Path.Combine(Root, "..", "shared", "bench"));

        /// <summary>The esbuild the build shipped into the module.</summary>
        public static string Esbuild =>
            Path.Combine(BuiltModule, "runtimes", MediaSync.Processing.EsbuildLocator.RuntimeId, MediaSync.Processing.EsbuildLocator.ExecutableName);

        public static string PowerShellReferenceAssembly =>
            Path.Combine(Metadata("PowerShellStandardDir"), "lib", "netstandard2.0", "System.Management.Automation.dll");
    }
}
