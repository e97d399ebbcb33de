using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Settings;
using MediaSync.Tests.Support;
using MediaSync.Web;
using Xunit;

namespace MediaSync.Tests.Discovery
{
    /// <summary>The keys tab completion offers: from discovery's sources, from a manifest, bounded in number and time.</summary>
    public sealed class KeyCompletionTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        private MediaDiscoveryRequest Site()
        {
            _tree.Write("media/css/site.css", "a{}");
            _tree.Write("media/css/Print.css", "a{}");
            _tree.Write("media/js/site.js", "x()");
            _tree.Write("media/_drafts/new.css", "a{}");
            _tree.Write("apps/blog/media/blog/blog.css", "a{}");
            _tree.Write("apps/blog/media/css/site.css", "shadowed");
            return new MediaDiscoveryRequest { Roots = { _tree.PathOf("media") }, Apps = { _tree.PathOf("apps/blog") } };
        }

        private static IReadOnlyList<string> Complete(MediaDiscoveryRequest request, string prefix, int limit = KeyCompletion.DefaultLimit) =>
            KeyCompletion.FromSources(request, prefix, limit, TimeSpan.FromSeconds(30));

        [Fact]
        public void Offers_every_key_of_the_merged_view_once_sorted_without_ignored_names()
        {
            Assert.Equal(new[] { "blog/blog.css", "css/Print.css", "css/site.css", "js/site.js" }, Complete(Site(), ""));
        }

        [Fact]
        public void Keeps_the_keys_that_start_with_the_prefix_ignoring_case_as_Name_globs_do()
        {
            var site = Site();
            Assert.Equal(new[] { "css/Print.css", "css/site.css" }, Complete(site, "CSS/"));
            Assert.Equal(new[] { "css/Print.css" }, Complete(site, "css/p"));
            Assert.Equal(new[] { "blog/blog.css" }, Complete(site, "b"));
            Assert.Empty(Complete(site, "nothing/"));
        }

        [Fact]
        public void Honours_Force_Include_and_Exclude_as_Get_MediaFile_does()
        {
            var site = Site();
            site.Force = true;
            Assert.Contains("_drafts/new.css", Complete(site, ""));
            site.Force = false;
            site.Include = new List<string> { "*.css" };
            site.Exclude = new List<string> { "blog/*" };
            Assert.Equal(new[] { "css/Print.css", "css/site.css" }, Complete(site, ""));
        }

        [Fact]
        public void Walks_only_the_folders_that_can_hold_the_prefix()
        {
            var site = Site();
            // a link loop: a full walk meets it (and reports it); a walk for "css/si" never enters js/
            Directory.CreateSymbolicLink(_tree.PathOf("media/js/loop"), _tree.PathOf("media/js"));
            var met = new List<string>();
            Assert.Equal(new[] { "css/site.css" }, KeyCompletion.FromSources(site, "css/si", 100, TimeSpan.FromSeconds(30), e => met.Add(e.Id)));
            Assert.Empty(met);
            Assert.Equal(new[] { "js/site.js" }, KeyCompletion.FromSources(site, "j", 100, TimeSpan.FromSeconds(30), e => met.Add(e.Id)));
            Assert.Equal(new[] { "MediaSync.SymlinkLoop" }, met);
        }

        [Fact]
        public void Stops_at_the_limit_and_at_the_time_budget()
        {
            for (var i = 0; i < 300; i++) _tree.Write($"big/f{i:000}.css", "a{}");
            var big = new MediaDiscoveryRequest { Roots = { _tree.PathOf("big") } };
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"f{i:000}.css"), Complete(big, "", limit: 10));
            var clock = Stopwatch.StartNew();
            Assert.Empty(KeyCompletion.FromSources(big, "", KeyCompletion.DefaultLimit, TimeSpan.Zero));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void A_missing_root_or_a_bad_folder_name_gives_no_keys_and_no_error()
        {
            Assert.Empty(Complete(new MediaDiscoveryRequest { Roots = { _tree.PathOf("absent") } }, ""));
            var site = Site();
            site.MediaDirectoryName = "../x";
            Assert.Empty(Complete(site, ""));
        }

        [Fact]
        public void Manifest_paths_are_the_manifest_s_logical_paths_and_the_settings_bundles_by_ordinal()
        {
            var settings = SettingsReader.Defaults(_tree.Root);
            settings.Bundles["css/all.css"] = new List<string> { "css/site.css" };
            var files = new[] { "css/site.css", "js/app.js", "img/logo.svg" }.Select(key => TestMedia.InMemory(key, key, TempTree.BaseTime)).ToList();
            MediaManifest.Export(settings.ManifestPath, MediaFingerprinting.Fingerprint(files, null, new RecordingHost()).ToList(), write: true);
            var urls = new MediaUrls(settings);

            Assert.Equal(new[] { "css/all.css", "css/site.css", "img/logo.svg", "js/app.js" }, KeyCompletion.FromKeys(urls.KnownPaths(tags: false), "", StringComparison.Ordinal));
            Assert.Equal(new[] { "css/all.css", "css/site.css", "js/app.js" }, KeyCompletion.FromKeys(urls.KnownPaths(tags: true), "", StringComparison.Ordinal));
            Assert.Equal(new[] { "css/all.css", "css/site.css" }, KeyCompletion.FromKeys(urls.KnownPaths(tags: true), "css/", StringComparison.Ordinal));
            Assert.Empty(KeyCompletion.FromKeys(urls.KnownPaths(tags: true), "CSS/", StringComparison.Ordinal));
        }

        [Fact]
        public void Processor_names_come_from_the_built_in_list()
        {
            Assert.Equal(new[] { "Fingerprint", "Minify" }, KeyCompletion.FromKeys(BuiltInProcessors.Names, "", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(new[] { "Minify" }, KeyCompletion.FromKeys(BuiltInProcessors.Names, "m", StringComparison.OrdinalIgnoreCase));
        }
    }
}
