using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using MediaSync.Tests.Stores;
using MediaSync.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace MediaSync.Tests.Pester
{
    /// <summary>
    /// Runs tests/Pester in the pinned pwsh against the built module, with the same S3 endpoint as the xunit tests.
    /// Every failed, skipped or inconclusive Pester test fails this one and is named, with its message.
    /// </summary>
    [Collection("ceph")]
    public sealed class PesterSuiteTests
    {
        private readonly ITestOutputHelper _output;
        private readonly CephGateway _ceph;
        private readonly AzuriteServer _azurite;
        private readonly KeystoneServer _keystone;

        public PesterSuiteTests(CephGateway ceph, AzuriteServer azurite, KeystoneServer keystone, ITestOutputHelper output)
        {
            _ceph = ceph;
            _azurite = azurite;
            _keystone = keystone;
            _output = output;
        }

        /// <summary>net8.0 is what pwsh 7 loads; netstandard2.0 (Windows PowerShell 5.1's build) is force-loaded into pwsh 7.</summary>
        [Theory]
        [InlineData("net8.0")]
        [InlineData("netstandard2.0")]
        public void Pester_suite_passes_against_the_built_module(string framework)
        {
            Assert.True(_ceph.Failure == null, _ceph.Failure);
            Assert.True(_azurite.Failure == null, _azurite.Failure);
            var azuriteDown = _azurite.Unreachable();
            Assert.True(azuriteDown == null, azuriteDown);
            Assert.True(_keystone.Failure == null, _keystone.Failure);
            var results = Path.Combine(RepoPaths.Root, "out", "test-results");
            Directory.CreateDirectory(results);
            var xml = Path.Combine(results, $"pester-{framework}.xml");
            if (File.Exists(xml)) File.Delete(xml);
            var arguments = new[]
            {
                "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepoPaths.Root, "tests", "Pester", "Invoke-PesterSuite.ps1"),
                "-PesterPath", PesterEnvironment.PesterManifest(), "-ModulePath", RepoPaths.BuiltModule,
                "-Framework", framework, "-OutputPath", xml,
            };
            var environment = new Dictionary<string, string?>
            {
                ["MEDIASYNC_S3_ENDPOINT"] = _ceph.Endpoint,
                ["MEDIASYNC_S3_ACCESS_KEY"] = _ceph.AccessKey,
                ["MEDIASYNC_S3_SECRET_KEY"] = _ceph.SecretKey,
                ["MEDIASYNC_AWSSDK_CORE_3"] = RepoPaths.AwsSdkCore3,
                ["MEDIASYNC_AZURE_CONNECTION_STRING"] = _azurite.ConnectionString,
                ["MEDIASYNC_SWIFT_AUTH_URL"] = _ceph.SwiftAuthUrl,
                ["MEDIASYNC_SWIFT_USER"] = _ceph.SwiftUser,
                ["MEDIASYNC_SWIFT_KEY"] = _ceph.SwiftKey,
                ["MEDIASYNC_KEYSTONE_AUTH_URL"] = _keystone.AuthUrl,
                ["MEDIASYNC_KEYSTONE_USER"] = _keystone.User,
                ["MEDIASYNC_KEYSTONE_PASSWORD"] = _keystone.Password,
                ["MEDIASYNC_KEYSTONE_PROJECT"] = _keystone.Project,
                ["NO_COLOR"] = "1",
            };

            var (exitCode, output) = PesterEnvironment.RunPwsh(arguments, environment, TimeSpan.FromMinutes(10));
            _output.WriteLine(output);

            Assert.True(File.Exists(xml), $"Pester wrote no NUnit results (exit {exitCode}):\n{output}");
            var cases = XDocument.Load(xml).Descendants("test-case").ToList();
            var notPassed = cases.Where(c => (string?)c.Attribute("result") != "Success").ToList();
            var report = string.Join("\n", notPassed.Select(c =>
                $"  [{c.Attribute("result")?.Value}] {c.Attribute("description")?.Value ?? c.Attribute("name")?.Value}: " +
                (c.Descendants("message").FirstOrDefault()?.Value.Trim() ?? "")));
            Assert.True(cases.Count > 0, "Pester ran no tests:\n" + output);
            Assert.True(notPassed.Count == 0 && exitCode == 0,
                $"Pester ({framework}): {notPassed.Count} of {cases.Count} did not pass (exit {exitCode}):\n{report}\n\nFull output:\n{output}");
        }
    }
}
