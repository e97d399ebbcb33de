using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Discovery
{
    /// <summary>Get-MediaFile -ChangedSince on real git repositories made by the git CLI.</summary>
    public sealed class ChangedSinceTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();
        private readonly RecordingHost _host = new RecordingHost();

        public void Dispose() => _tree.Dispose();

        private string Git(params string[] arguments)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = _tree.Root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-c", "user.name=MediaSync Tests", "-c", "user.email=tests@example.test", "-c", "commit.gpgsign=false" }.Concat(arguments))
                start.ArgumentList.Add(argument);
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd();
            var error = git.StandardError.ReadToEnd();
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, $"git {string.Join(" ", arguments)}: {error}");
            return output.Trim();
        }

        /// <summary>A repository with project media and one app, committed; returns that commit.</summary>
        private string Repository()
        {
            Git("init", "-q", "-b", "main");
            _tree.Write("site/media/css/site.css", "body{}");
            _tree.Write("site/media/js/app.js", "app()");
            _tree.Write("site/media/img/old name.png", "png");
            _tree.Write("site/media/blog/shared.css", "project wins");
            _tree.Write("apps/blog/media/blog/shared.css", "app loses");
            _tree.Write("apps/blog/media/blog/only-app.css", "a{}");
            _tree.Write("site/media/blog/only-app.css", "project copy of an app file");
            _tree.Write(".gitignore", "*.tmp\n");
            Git("add", "-A");
            Git("commit", "-q", "-m", "first");
            return Git("rev-parse", "HEAD");
        }

        private MediaDiscoveryRequest Request(string revision) => new MediaDiscoveryRequest
        {
            Roots = { _tree.PathOf("site/media") },
            Apps = { _tree.PathOf("apps/blog") },
            ChangedSince = revision,
        };

        private List<MediaFile> Changed(string revision) => MediaDiscovery.Discover(Request(revision), _host).ToList();

        private static IEnumerable<string> Described(IEnumerable<MediaFile> files) =>
            files.Select(f => $"{f.RelativePath} {f.Action} {f.Source}").OrderBy(s => s, StringComparer.Ordinal);

        [Fact]
        public void Committed_staged_unstaged_and_untracked_changes_all_count_and_nothing_else_does()
        {
            var first = Repository();
            _tree.Write("site/media/css/site.css", "body{color:red}");
            Git("commit", "-qam", "second");
            _tree.Write("site/media/js/app.js", "app(1)");                 // unstaged
            _tree.Write("site/media/css/new.css", "n{}");
            Git("add", "site/media/css/new.css");                            // staged
            _tree.Write("site/media/fonts/untracked.woff2", "font");        // untracked
            _tree.Write("site/media/fonts/scratch.tmp", "ignored");         // ignored by .gitignore
            _tree.Write("outside/readme.txt", "not media");                   // outside every root

            Assert.Equal(new[]
            {
                "css/new.css Added (project)", "css/site.css Modified (project)", "fonts/untracked.woff2 Added (project)", "js/app.js Modified (project)",
            }, Described(Changed(first)));
            Assert.DoesNotContain(Changed("HEAD"), f => f.RelativePath == "css/site.css");
        }

        [Fact]
        public void A_rename_is_a_deletion_and_an_addition_and_deletions_carry_no_content()
        {
            var first = Repository();
            Git("mv", "site/media/img/old name.png", "site/media/img/new name.png");

            var changed = Changed(first);

            Assert.Equal(new[] { "img/new name.png Added (project)", "img/old name.png Deleted (project)" }, Described(changed));
            var deleted = changed.Single(f => f.Deleted);
            Assert.Equal((0L, _tree.PathOf("site/media/img/old name.png")), (deleted.Length, deleted.FullName));
        }

        [Fact]
        public void Precedence_holds_a_shadowed_change_is_nothing_and_an_uncovered_app_file_comes_back()
        {
            var first = Repository();
            _tree.Write("apps/blog/media/blog/shared.css", "app changed, still shadowed");
            File.Delete(_tree.PathOf("site/media/blog/only-app.css"));

            var changed = Changed(first);

            var uncovered = Assert.Single(changed);
            Assert.Equal(("blog/only-app.css", MediaChange.Modified, "blog", "a{}"),
                (uncovered.RelativePath, uncovered.Action!.Value, uncovered.Source, File.ReadAllText(uncovered.FullName)));
        }

        [Fact]
        public void Outside_a_work_tree_or_with_an_unknown_revision_the_error_is_clear_and_comes_before_any_output()
        {
            _tree.Write("site/media/a.css", "a{}");
            var request = new MediaDiscoveryRequest { Roots = { _tree.PathOf("site/media") }, ChangedSince = "HEAD~1" };
            // TempTree lives under the system temp folder, which is no git work tree.
            var outside = Assert.Throws<MediaSyncException>(() => MediaDiscovery.Discover(request, _host));
            Assert.Equal("MediaSync.NotAGitWorkTree", outside.Error.Id);

            Repository();
            foreach (var revision in new[] { "no-such-branch", "HEAD~5", "0123456789abcdef0123456789abcdef01234567" })
            {
                request.ChangedSince = revision;
                var unknown = Assert.Throws<MediaSyncException>(() => MediaDiscovery.Discover(request, _host));
                Assert.Equal("MediaSync.UnknownRevision", unknown.Error.Id);
                Assert.Contains(revision, unknown.Message);
            }
            request.ChangedSince = "--output=/tmp/x";
            Assert.Equal("MediaSync.ConflictingArguments", Assert.Throws<MediaSyncException>(() => MediaDiscovery.Discover(request, _host)).Error.Id);
        }

        [Fact]
        public void Publishing_a_change_set_with_delete_removes_only_the_deleted_keys_from_a_folder()
        {
            var first = Repository();
            var destination = _tree.PathOf("public");
            Publisher.Publish(new PublishRequest(destination), MediaDiscovery.Discover(Request(first).WithoutChangedSince(), _host).ToList(), _host).ToList();
            _tree.Write("site/media/css/site.css", "body{color:blue}");
            File.Delete(_tree.PathOf("site/media/js/app.js"));

            var results = Publisher.Publish(new PublishRequest(destination) { Delete = true }, Changed(first), _host).ToList();

            Assert.Equal(new[] { "css/site.css Updated", "js/app.js Deleted" }, results.Select(r => $"{r.RelativePath} {r.Action}").OrderBy(s => s, StringComparer.Ordinal));
            Assert.True(File.Exists(Path.Combine(destination, "img", "old name.png")), "a file the change set does not mention was deleted");
            Assert.False(File.Exists(Path.Combine(destination, "js", "app.js")));
            Assert.Equal("body{color:blue}", File.ReadAllText(Path.Combine(destination, "css", "site.css")));
        }

        [Fact]
        public void Publishing_a_change_set_to_a_store_deletes_only_its_deletions_and_without_delete_warns()
        {
            var first = Repository();
            var store = new MemoryStore();
            var request = new PublishRequest();
            Publisher.Publish(request, MediaDiscovery.Discover(Request(first).WithoutChangedSince(), _host).ToList(), store, _host).ToList();
            File.Delete(_tree.PathOf("site/media/js/app.js"));
            var changes = Changed(first);

            var kept = Publisher.Publish(request, changes, store, _host).ToList();
            Assert.Empty(kept);
            Assert.Contains(_host.Warnings, w => w.Contains("-Delete"));

            var deleted = Publisher.Publish(new PublishRequest { Delete = true }, changes, store, _host).ToList();
            var gone = Assert.Single(deleted);
            Assert.Equal(("js/app.js", PublishAction.Deleted), (gone.RelativePath, gone.Action));
            Assert.Equal(new[] { "blog/only-app.css", "blog/shared.css", "css/site.css", "img/old name.png" }, store.List(default).Select(o => o.Key));
        }

        [Fact]
        public void A_deleted_text_file_takes_its_compressed_variants_with_it()
        {
            var first = Repository();
            File.Delete(_tree.PathOf("site/media/css/site.css"));

            var compressed = MediaCompression.Compress(Changed(first), new CompressionRequest(), _host).ToList();

            Assert.All(compressed, f => Assert.True(f.Deleted));
            Assert.Equal(new[] { "css/site.css" }.Concat(MediaCompression.SupportedEncodings.Select(e => MediaCompression.VariantKey("css/site.css", e, VariantNaming.Suffix))),
                compressed.Select(f => f.RelativePath));
        }
    }

    internal static class ChangedSinceRequests
    {
        public static MediaDiscoveryRequest WithoutChangedSince(this MediaDiscoveryRequest request)
        {
            request.ChangedSince = null;
            return request;
        }
    }
}
