using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Settings;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>
    /// Issue 24, point 1: a folder destination that is a source root, lies inside one or contains one is refused before
    /// anything is listed or written, in every mode and strategy; -Delete into the home folder or a file-system root too.
    /// The project is the issue's: README.md, main.cs, media/css/{a.css,b.css,i.png}, published from media.
    /// </summary>
    public sealed class SourceOverlapTests : PublisherFixture
    {
        public SourceOverlapTests()
        {
            Tree.Write("project/README.md", "# readme");
            Tree.Write("project/main.cs", "class Main { }");
            Tree.Write("project/media/css/a.css", "a { color: red; }");
            Tree.Write("project/media/css/b.css", "b { color: blue; }");
            File.WriteAllBytes(Tree.PathOf("project/media/css/i.png"), new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3 });
        }

        private string Media => Tree.PathOf("project/media");

        private List<MediaFile> DiscoverMedia() => Support.TestMedia.Discover(Media).ToList();

        public static IEnumerable<object[]> Publishes()
        {
            var ways = new (string Name, Action<PublishRequest> Configure)[]
            {
                ("IfChanged", r => { }), ("All", r => r.Overwrite = OverwriteStrategy.All), ("NewOnly", r => r.Overwrite = OverwriteStrategy.NewOnly),
                ("IfNewer", r => r.Overwrite = OverwriteStrategy.IfNewer), ("Clean", r => r.Overwrite = OverwriteStrategy.Clean),
                ("Link", r => r.Mode = PublishMode.Link),
            };
            foreach (var overlap in new[] { "same", "inside", "contains" })
                foreach (var way in ways.Select(w => w.Name))
                    foreach (var delete in new[] { true, false })
                        yield return new object[] { overlap, way, delete };
        }

        private static void Configure(PublishRequest request, string way)
        {
            if (way == "Link") request.Mode = PublishMode.Link;
            else if (way != "IfChanged") request.Overwrite = (OverwriteStrategy)Enum.Parse(typeof(OverwriteStrategy), way);
        }

        private string DestinationFor(string overlap) => overlap switch
        {
            "same" => Media,
            "inside" => Tree.PathOf("project/media/css"),
            _ => Tree.PathOf("project"),
        };

        [Theory]
        [MemberData(nameof(Publishes))]
        public void A_destination_that_overlaps_a_source_root_is_refused_and_nothing_changes(string overlap, string way, bool delete)
        {
            var before = Snapshot();
            var destination = DestinationFor(overlap);
            var request = new PublishRequest(destination) { Delete = delete, HomeFolder = Tree.PathOf("home") };
            Configure(request, way);

            var error = Assert.Throws<MediaSyncException>(() => Publisher.Publish(request, DiscoverMedia(), Host).ToArray()).Error;

            Assert.Equal("MediaSync.DestinationOverlapsSource", error.Id);
            var words = overlap == "same" ? "is the source" : overlap == "inside" ? "lies inside the source" : "contains the source";
            Assert.Contains($"'{destination}': it {words} '{Media}'", error.Message);
            Assert.Equal(before, Snapshot());
            Assert.DoesNotContain(Host.Verbose, line => line.StartsWith("Listed", StringComparison.Ordinal));
        }

        [Fact]
        public void The_issues_publish_of_media_into_the_project_with_Delete_deletes_nothing()
        {
            var before = Snapshot();
            var request = new PublishRequest(Tree.PathOf("project")) { Delete = true };

            var error = Assert.Throws<MediaSyncException>(() => Publisher.Publish(request, DiscoverMedia(), Host).ToArray()).Error;

            Assert.Equal("MediaSync.DestinationOverlapsSource", error.Id);
            Assert.Equal(before, Snapshot());
        }

        [Fact]
        public void A_destination_reached_through_a_link_is_compared_by_its_real_path()
        {
            Directory.CreateSymbolicLink(Tree.PathOf("published"), Tree.PathOf("project"));
            var before = Snapshot();

            var error = Assert.Throws<MediaSyncException>(() =>
                Publisher.Publish(new PublishRequest(Tree.PathOf("published")) { Delete = true }, DiscoverMedia(), Host).ToArray()).Error;

            Assert.Equal("MediaSync.DestinationOverlapsSource", error.Id);
            Assert.Contains("contains the source", error.Message);
            Assert.Contains($"through links: '{Tree.PathOf("project")}'", error.Message);
            Assert.Equal(before, Snapshot());
        }

        [Fact]
        public void A_source_root_given_through_a_link_is_compared_by_its_real_path()
        {
            Directory.CreateSymbolicLink(Tree.PathOf("media-link"), Media);
            var files = Support.TestMedia.Discover(Tree.PathOf("media-link")).ToList();
            var before = Snapshot();

            var error = Assert.Throws<MediaSyncException>(() =>
                Publisher.Publish(new PublishRequest(Tree.PathOf("project/media/css")) { Delete = true }, files, Host).ToArray()).Error;

            Assert.Equal("MediaSync.DestinationOverlapsSource", error.Id);
            Assert.Contains("lies inside the source", error.Message);
            Assert.Equal(before, Snapshot());
        }

        [Fact]
        public void A_folder_beside_the_sources_is_published_to_and_the_sources_stay_as_they_were()
        {
            var before = Snapshot();

            var results = Publisher.Publish(new PublishRequest(Tree.PathOf("project/dist")) { Delete = true }, DiscoverMedia(), Host).ToArray();

            Assert.Equal(3, results.Count(r => r.Action == PublishAction.Created));
            Assert.Equal(before, Snapshot().Where(line => !line.StartsWith("project/dist/", StringComparison.Ordinal)).ToArray());
        }

        [Fact]
        public void Delete_into_the_home_folder_or_a_folder_holding_it_is_refused_and_deletes_nothing()
        {
            Tree.Write("home/notes.txt", "mine");
            var before = Snapshot();
            foreach (var destination in new[] { Tree.PathOf("home"), Tree.Root })
            {
                var request = new PublishRequest(destination) { Delete = true, HomeFolder = Tree.PathOf("home") };
                var error = Assert.Throws<MediaSyncException>(() => Publisher.Publish(request, DiscoverMedia(), Host).ToArray()).Error;
                Assert.Equal("MediaSync.DeleteRefused", error.Id);
                Assert.Contains("it is your home folder, or contains it", error.Message);
            }
            Assert.Equal(before, Snapshot());
        }

        [Fact]
        public void Delete_into_a_file_system_root_is_refused()
        {
            // Checked on the guard itself: a publish that got past it would delete the machine.
            var error = DestinationGuard.Refusal(Path.GetPathRoot(Tree.Root)!, new[] { Media }, clean: false, delete: true, home: Tree.PathOf("home"));

            Assert.Equal("MediaSync.DeleteRefused", error?.Id);
            Assert.Contains("it is the root of a file system", error!.Message);
        }

        [Fact]
        public void Without_Delete_the_home_folder_is_only_written_to()
        {
            Tree.Write("home/notes.txt", "mine");

            Publisher.Publish(new PublishRequest(Tree.PathOf("home")) { HomeFolder = Tree.PathOf("home") }, DiscoverMedia(), Host).ToArray();

            Assert.Equal("mine", Tree.Read("home/notes.txt"));
            Assert.True(Tree.Exists("home/css/a.css"));
        }

        [Fact]
        public void Streamed_files_list_a_folder_only_after_their_root_passed_and_an_overlapping_root_stops_at_its_first_file()
        {
            var intake = new PublishIntake(new PublishRequest(Tree.PathOf("project")) { Delete = true }, null, Host.Cancellation);
            Assert.Null(intake.Listing); // no source known yet: nothing is listed

            var error = Assert.Throws<MediaSyncException>(() => intake.Add(DiscoverMedia().Take(1))).Error;

            Assert.Equal("MediaSync.DestinationOverlapsSource", error.Id);
            Assert.Null(intake.Listing);
        }

        [Fact]
        public void A_second_root_that_overlaps_is_refused_as_it_arrives()
        {
            Tree.Write("other/x.css", "x");
            var intake = new PublishIntake(new PublishRequest(Tree.PathOf("project/dist")), null, Host.Cancellation);
            intake.Add(Support.TestMedia.Discover(Tree.PathOf("other")));
            Assert.NotNull(intake.Listing);

            var error = Assert.Throws<MediaSyncException>(() => intake.Add(Support.TestMedia.Discover(Tree.PathOf("project")))).Error;

            Assert.Equal("MediaSync.DestinationOverlapsSource", error.Id);
            Assert.Contains("lies inside the source", error.Message);
        }

        [Fact]
        public void Sync_into_its_own_media_folder_with_Minify_and_Fingerprint_refuses_before_the_manifest_is_written()
        {
            var before = Snapshot();
            var settings = SettingsReader.FromDictionary(new Hashtable
            {
                ["Roots"] = new[] { "media" },
                ["Store"] = new Hashtable { ["Type"] = "Folder", ["Path"] = "media" },
                ["Processors"] = new[] { "Minify" }, ["Minifier"] = "NUglify", ["Fingerprint"] = true, ["Delete"] = true,
                ["Manifest"] = "manifest.json",
            }, SettingsReader.Defaults(Tree.PathOf("project")), Tree.PathOf("project"), v => v);

            var error = Assert.Throws<MediaSyncException>(() => SyncJob.Run(new SyncRequest(settings), Host).ToArray()).Error;

            Assert.Equal("MediaSync.DestinationOverlapsSource", error.Id);
            Assert.False(Tree.Exists("project/manifest.json"));
            Assert.Equal(before, Snapshot());
        }

        [Fact]
        public void Sync_with_Minify_and_Fingerprint_to_a_folder_beside_the_media_leaves_every_source_as_it_was()
        {
            var before = Snapshot();
            var settings = SettingsReader.FromDictionary(new Hashtable
            {
                ["Roots"] = new[] { "media" },
                ["Store"] = new Hashtable { ["Type"] = "Folder", ["Path"] = "dist" },
                ["Processors"] = new[] { "Minify" }, ["Minifier"] = "NUglify", ["Fingerprint"] = true, ["Delete"] = true,
            }, SettingsReader.Defaults(Tree.PathOf("project")), Tree.PathOf("project"), v => v);

            var results = SyncJob.Run(new SyncRequest(settings), Host).ToArray();

            Assert.Empty(Host.Errors);
            Assert.Contains(results, r => r.Action == PublishAction.Created && r.RelativePath.StartsWith("css/a.", StringComparison.Ordinal) && r.RelativePath != "css/a.css");
            Assert.True(Tree.Exists("project/dist/manifest.json")); // a manifest in the destination is no source root
            // the processing cache (out/cache beside the settings, by design) is the only other thing written
            Assert.Equal(before, Snapshot().Where(line => !line.StartsWith("project/dist/", StringComparison.Ordinal)
                && !line.StartsWith("project/out/cache/", StringComparison.Ordinal) && line != "project/out/").ToArray());
        }

        /// <summary>Every file and folder under the tree (links as links, never followed), with each file's bytes and write time.</summary>
        private string[] Snapshot() =>
            new DirectoryInfo(Tree.Root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(entry => Path.GetRelativePath(Tree.Root, entry.FullName).Replace('\\', '/') + (entry.LinkTarget != null ? " -> " + entry.LinkTarget
                    : entry is FileInfo file ? "=" + Convert.ToBase64String(File.ReadAllBytes(file.FullName)) + "@" + file.LastWriteTimeUtc.Ticks : "/"))
                .OrderBy(line => line, StringComparer.Ordinal).ToArray();
    }
}
