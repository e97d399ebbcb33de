using System;
using System.Diagnostics;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Discovery
{
    /// <summary>
    /// Get-MediaFile -ChangedSince in a real Subversion working copy: svnadmin create, checked out with file://.
    /// Subversion is installed by the fixture when missing.
    /// </summary>
    public sealed class SvnChangedSinceTests : IDisposable, IClassFixture<Subversion>
    {
        private readonly TempTree _tree = new TempTree();
        private readonly RecordingHost _host = new RecordingHost();

        public SvnChangedSinceTests(Subversion subversion) => Assert.True(subversion.Failure == null, subversion.Failure);

        public void Dispose() => _tree.Dispose();

        private string Run(string tool, string folder, params string[] arguments)
        {
            var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} {string.Join(" ", arguments)}: {error}");
            return output.Trim();
        }

        private string Svn(params string[] arguments) => Run("svn", _tree.PathOf("wc"), arguments);

        /// <summary>A repository with project media, committed as r1, and the working copy at r1.</summary>
        private void WorkingCopy()
        {
            Run("svnadmin", _tree.Root, "create", "repo");
            Run("svn", _tree.Root, "checkout", "-q", "file://" + _tree.PathOf("repo"), "wc");
            _tree.Write("wc/site/media/css/site.css", "body{}");
            _tree.Write("wc/site/media/js/app.js", "app()");
            _tree.Write("wc/site/media/img/logo.png", "png");
            Svn("add", "-q", "site");
            Svn("commit", "-q", "-m", "first");
        }

        private MediaSyncError Refused(string revision, string root) =>
            Assert.Throws<MediaSyncException>(() => MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = { root }, ChangedSince = revision }, _host).ToList()).Error;

        [Fact]
        public void Committed_and_local_changes_since_a_revision_are_found_with_deletions()
        {
            WorkingCopy();
            _tree.Write("wc/site/media/css/site.css", "body{color:red}", minutes: 1);
            Svn("commit", "-q", "-m", "second");                                // committed since r1
            Svn("rm", "-q", "site/media/img/logo.png");
            Svn("commit", "-q", "-m", "third");                                 // a committed deletion
            Svn("update", "-q");
            _tree.Write("wc/site/media/js/app.js", "app(2)", minutes: 2);        // changed, not committed
            _tree.Write("wc/site/media/css/new.css", "p{}");                     // unversioned
            _tree.Write("wc/site/media/fonts/a.woff2", "font");                  // in an unversioned folder

            var files = MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = { _tree.PathOf("wc/site/media") }, ChangedSince = "1" }, _host).ToList();

            Assert.Equal(new[] { "css/new.css", "css/site.css", "fonts/a.woff2", "js/app.js" }, files.Where(f => !f.Deleted).Select(f => f.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("img/logo.png", files.Single(f => f.Deleted).RelativePath);
            Assert.Equal(MediaChange.Added, files.Single(f => f.RelativePath == "css/new.css").Action);
            Assert.Equal(MediaChange.Modified, files.Single(f => f.RelativePath == "js/app.js").Action);
        }

        [Fact]
        public void A_publish_of_the_change_set_deletes_only_its_deletions()
        {
            WorkingCopy();
            var destination = _tree.PathOf("out");
            Publisher.Publish(new PublishRequest(destination), MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = { _tree.PathOf("wc/site/media") } }, _host).ToList(), _host).ToList();
            _tree.Write("out/kept-by-someone.css", "not ours to delete");
            Svn("rm", "-q", "site/media/js/app.js");

            var changes = MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = { _tree.PathOf("wc/site/media") }, ChangedSince = "1" }, _host).ToList();
            var results = Publisher.Publish(new PublishRequest(destination) { Delete = true }, changes, _host).ToList();

            Assert.Equal("js/app.js", results.Single(r => r.Action == PublishAction.Deleted).RelativePath);
            Assert.True(System.IO.File.Exists(_tree.PathOf("out/kept-by-someone.css")));
            Assert.True(System.IO.File.Exists(_tree.PathOf("out/css/site.css")));
        }

        [Fact]
        public void An_unknown_revision_and_a_folder_in_neither_git_nor_svn_are_clear_errors()
        {
            WorkingCopy();
            Assert.Equal("MediaSync.UnknownRevision", Refused("99", _tree.PathOf("wc/site/media")).Id);
            Assert.Equal("MediaSync.ConflictingArguments", Refused("-r5", _tree.PathOf("wc/site/media")).Id);
            _tree.Write("plain/media/a.css", "a{}");
            var neither = Refused("1", _tree.PathOf("plain/media"));
            Assert.Equal("MediaSync.NotAGitWorkTree", neither.Id);
            Assert.Contains("Subversion", neither.Message);
        }
    }
}
