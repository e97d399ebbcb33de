using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using MediaSync.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace MediaSync.Tests.Pester
{
    /// <summary>Runs tests/Pester in a child pwsh against the built module; any Pester failure fails this test.</summary>
    public sealed class PesterSuiteTests
    {
        private readonly ITestOutputHelper _output;

        public PesterSuiteTests(ITestOutputHelper output) => _output = output;

        [PesterFact]
        public void Pester_suite_passes_against_the_built_module()
        {
            var results = Path.Combine(RepoPaths.Root, "out", "test-results");
            Directory.CreateDirectory(results);
            var xml = Path.Combine(results, "pester.xml");
            if (File.Exists(xml)) File.Delete(xml);
            var runner = Path.Combine(RepoPaths.Root, "tests", "Pester", "Invoke-PesterSuite.ps1");
            var arguments = $"-NoProfile -NonInteractive -File \"{runner}\" -PesterPath \"{PesterEnvironment.PesterManifest}\" " +
                            $"-ModulePath \"{RepoPaths.BuiltModule}\" -OutputPath \"{xml}\"";

            var (exitCode, output) = PesterEnvironment.Run(PesterEnvironment.Pwsh!, arguments, TimeSpan.FromMinutes(15));
            _output.WriteLine(output);

            Assert.True(File.Exists(xml), "Pester wrote no NUnit results:\n" + output);
            var run = XDocument.Load(xml).Root!;
            var total = int.Parse(run.Attribute("total")!.Value);
            var failures = int.Parse(run.Attribute("failures")!.Value) + int.Parse(run.Attribute("errors")?.Value ?? "0");
            Assert.True(total > 0, "Pester ran no tests:\n" + output);
            Assert.True(failures == 0 && exitCode == 0, $"Pester: {failures} of {total} failed (exit {exitCode}):\n{output}");
        }
    }
}
