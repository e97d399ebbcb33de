using System;
using System.IO;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Processing
{
    /// <summary>Fingerprinting the real npm packages and images of ../shared/real-world/site/media.</summary>
    public sealed class FingerprintRealWorldTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        private static string Media => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "real-world", "site", "media"));

        private static MediaFile[] Discover(RecordingHost host)
        {
            var request = new MediaDiscoveryRequest { Force = true };
            request.Roots.Add(Media);
            return MediaDiscovery.Discover(request, host).ToArray();
        }

        [Fact]
        public void Every_reference_that_resolved_before_resolves_after_and_two_runs_are_byte_identical()
        {
            var host = new RecordingHost();
            var input = Discover(host);
            Assert.True(input.Length > 700, $"only {input.Length} files under {Media}");

            var output = MediaFingerprinting.Fingerprint(input, null, host);

            Assert.Empty(host.Errors);
            Assert.All(output, f => Assert.NotEqual(f.LogicalPath, f.RelativePath));
            // Left alone only what named nothing before (Preact's extensionless source imports, say): the same set.
            Assert.Equal(ReferenceChecker.Unresolved(input), ReferenceChecker.Unresolved(output));
            var again = MediaFingerprinting.Fingerprint(Discover(new RecordingHost()), null, new RecordingHost());
            Assert.Equal(output.Select(f => f.RelativePath), again.Select(f => f.RelativePath));
            Assert.All(output.Zip(again, (a, b) => (a, b)), p => Assert.Equal(p.a.Content.ReadAllBytes(), p.b.Content.ReadAllBytes()));
        }

        [Fact]
        public void Node_finds_no_more_missing_module_specifiers_in_the_output_than_in_the_sources()
        {
            var host = new RecordingHost();
            var output = MediaFingerprinting.Fingerprint(Discover(host), null, host);
            var folder = _tree.PathOf("out");
            foreach (var file in output)
            {
                var path = Path.Combine(folder, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, file.Content.ReadAllBytes());
            }
            var before = Specifiers(Media);
            var after = Specifiers(folder);
            Assert.True(before.GetProperty("rel").GetInt32() > 0);
            Assert.Equal(before.GetProperty("rel").GetInt32(), after.GetProperty("rel").GetInt32());
            Assert.Equal(before.GetProperty("relMissing").GetInt32(), after.GetProperty("relMissing").GetInt32());
        }

        private static System.Text.Json.JsonElement Specifiers(string folder)
        {
            var tool = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "real-world", "tools", "js-specifiers.mjs"));
            var (code, output) = NodeTools.Run("node", RepoPaths.Root, "--experimental-vm-modules", tool, folder);
            Assert.True(code == 0, output);
            return System.Text.Json.JsonDocument.Parse(output.Substring(output.IndexOf('{'))).RootElement;
        }
    }
}
