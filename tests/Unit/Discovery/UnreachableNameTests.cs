using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Publishing;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Discovery
{
    /// <summary>
    /// Entries a listing shows but no call can open (found by bench/chaos.sh, which saw them skipped without a word):
    /// names that are not UTF-8, and paths over the system's limit. The shell makes them; .NET cannot.
    /// </summary>
    public sealed class UnreachableNameTests : IDisposable
    {
        private const string DeepFolderName = "deep";
        private readonly TempTree _tree = new TempTree();

        public void Dispose()
        {
            Shell("rm -rf \"$1\"", _tree.Root);   // .NET cannot delete below the path limit either
            _tree.Dispose();
        }

        [Fact]
        public void A_name_that_is_not_utf8_is_an_error_naming_it_and_the_rest_is_found()
        {
            _tree.Write("src/css/ok.css", "ok{}");
            Shell("printf 'x{}' > \"$1/$(printf 'bad-\\377\\376.css')\"", _tree.PathOf("src/css"));

            var host = new RecordingHost();
            var found = MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = { _tree.PathOf("src") } }, host).ToList();

            Assert.Equal(new[] { "css/ok.css" }, found.Select(f => f.RelativePath));
            var error = Assert.Single(host.Errors);
            Assert.Equal("MediaSync.UndecodableName", error.Id);
            Assert.Contains("bad-\uFFFD\uFFFD.css", error.Message);
        }

        [Fact]
        public void A_folder_past_the_path_limit_is_one_error_and_its_siblings_are_found()
        {
            _tree.Write("src/css/ok.css", "ok{}");
            MakeDeepTree(_tree.PathOf("src"));

            var host = new RecordingHost();
            var found = MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = { _tree.PathOf("src") } }, host).ToList();

            Assert.Equal(new[] { "css/ok.css" }, found.Select(f => f.RelativePath));
            var error = Assert.Single(host.Errors);
            Assert.Equal("MediaSync.PathTooLong", error.Id);
            Assert.StartsWith("Skipped folder '" + _tree.PathOf("src"), error.Message);
            var reported = (string)error.Target!;   // the first folder past the limit, not one above or below it
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(reported) > 4095, reported.Length.ToString());
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(Path.GetDirectoryName(reported)!) <= 4095);
        }

        [Fact]
        public void A_destination_holding_unreachable_entries_is_published_to_and_they_are_left_alone_by_delete()
        {
            _tree.Write("src/css/ok.css", "ok{}");
            _tree.Write("out/orphan.css", "orphan{}");
            Shell("printf 'x{}' > \"$1/$(printf 'bad-\\377.css')\"", _tree.PathOf("out"));
            MakeDeepTree(_tree.PathOf("out"));

            var host = new RecordingHost();
            var results = Publisher.Publish(new PublishRequest(_tree.PathOf("out")) { Delete = true }, TestMedia.Discover(_tree.PathOf("src")), host).ToList();

            Assert.Empty(host.Errors);
            Assert.Equal(new[] { ("css/ok.css", PublishAction.Created), ("orphan.css", PublishAction.Deleted) },
                results.Select(r => (r.RelativePath, r.Action)).OrderBy(r => r.RelativePath));
            Assert.Equal("x{}", Shell("cat \"$1\"/bad-*", _tree.PathOf("out")));
            Assert.Equal("deep{}", Shell("find \"$1\" -name deep.css -execdir cat {} +", _tree.PathOf("out")));
        }

        private static string DeepPathSegment() => DeepFolderName + new string('d', 200);

        /// <summary>21 folders of 205 bytes with deep.css at the bottom: past 4,096 bytes wherever it starts.</summary>
        private static void MakeDeepTree(string under) =>
            Shell($"cd -P \"$1\" && for i in $(seq 21); do mkdir {DeepPathSegment()} && cd -P {DeepPathSegment()} || exit 1; done; printf 'deep{{}}' > deep.css", under);

        private static string Shell(string script, string argument)
        {
            var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-c", script, "sh", argument }) start.ArgumentList.Add(arg);
            using var shell = Process.Start(start)!;
            var output = shell.StandardOutput.ReadToEnd();
            var errors = shell.StandardError.ReadToEnd();
            shell.WaitForExit();
            Assert.True(shell.ExitCode == 0, $"sh failed: {errors}");
            return output;
        }
    }
}
