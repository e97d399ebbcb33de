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
        /// <summary>
        /// The shared benchmark kit (minifier inputs, tricky cases): SHARED_BENCH when set (.ci/run sets it), else
        /// ../shared/bench beside the repository. A missing kit fails the tests that need it, saying where it was looked for.
        /// </summary>
        public static string SharedBench
        {
            get
            {
                var named = Environment.GetEnvironmentVariable("SHARED_BENCH");
                var kit = Path.GetFullPath(string.IsNullOrEmpty(named) ? Path.Combine(Root, "..", "shared", "bench") : named);
                if (!Directory.Exists(kit))
                    throw new DirectoryNotFoundException($"The shared benchmark kit is not at {kit}; set SHARED_BENCH to its folder.");
                return kit;
            }
        }

        /// <summary>The esbuild the build shipped into the module.</summary>
        public static string Esbuild =>
            Path.Combine(BuiltModule, "runtimes", MediaSync.Processing.EsbuildLocator.RuntimeId, MediaSync.Processing.EsbuildLocator.ExecutableName);

        /// <summary>The built mediasync CLI (run with dotnet).</summary>
        public static string Cli => Metadata("Cli");

        /// <summary>The Pester module that restore downloaded (the test project's PackageDownload).</summary>
        public static string RestoredPester => Metadata("PesterManifest");

        /// <summary>AWSSDK.Core 3.7 (what AWS.Tools 4.x carries), downloaded by restore for the Pester test of both in one session.</summary>
        public static string AwsSdkCore3 => Metadata("AwsSdkCore3");

        public static string PowerShellReferenceAssembly =>
            Path.Combine(Metadata("PowerShellStandardDir"), "lib", "netstandard2.0", "System.Management.Automation.dll");
    }
}
