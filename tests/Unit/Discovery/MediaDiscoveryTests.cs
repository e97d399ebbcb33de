using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MediaSync.Content;
using MediaSync.Discovery;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Discovery
{
    public sealed class MediaDiscoveryTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();
        private readonly RecordingHost _host = new RecordingHost();

        public void Dispose() => _tree.Dispose();

        private MediaFile[] Discover(Action<MediaDiscoveryRequest> configure)
        {
            var request = new MediaDiscoveryRequest();
            configure(request);
            return MediaDiscovery.Discover(request, _host).ToArray();
        }

        private string Root => _tree.PathOf("project/media");

        [Fact]
        public void Project_files_get_forward_slash_keys_in_sorted_order_with_metadata()
        {
            _tree.Write("project/media/styles/site.css", "body{}", minutes: 5);
            _tree.Write("project/media/a.js", "x()");
            _tree.Write("project/media/img/logo.svg", "<svg/>");

            var files = Discover(r => r.Roots.Add(Root));

            Assert.Equal(new[] { "a.js", "img/logo.svg", "styles/site.css" }, files.Select(f => f.RelativePath));
            var css = files[2];
            Assert.Equal(MediaFile.ProjectSource, css.Source);
            Assert.Equal(_tree.PathOf("project/media/styles/site.css"), css.FullName);
            Assert.Equal(Path.GetFullPath(Root), css.SourceRoot);
            Assert.Equal(6, css.Length);
            Assert.Equal(TempTree.BaseTime.AddMinutes(5), css.LastWriteTimeUtc);
            Assert.Equal("text/css; charset=utf-8", css.ContentType);
            Assert.Empty(css.Overrides);
            Assert.Empty(_host.Errors);
        }

        [Fact]
        public void Project_overrides_apps_and_earlier_apps_override_later_ones()
        {
            _tree.Write("project/media/blog/site.css", "project");
            _tree.Write("apps/blog/media/blog/site.css", "blog");
            _tree.Write("apps/blog/media/blog/only-blog.css", "blog only");
            _tree.Write("apps/shop/media/blog/site.css", "shop");
            _tree.Write("apps/shop/media/blog/only-blog.css", "shop shadowed");
            _tree.Write("apps/shop/media/shop/cart.js", "cart");

            var files = Discover(r =>
            {
                r.Roots.Add(Root);
                r.Apps.Add(_tree.PathOf("apps/blog"));
                r.Apps.Add(_tree.PathOf("apps/shop"));
            });

            Assert.Equal(new[] { "blog/site.css", "blog/only-blog.css", "shop/cart.js" }, files.Select(f => f.RelativePath));
            var site = files[0];
            Assert.Equal(MediaFile.ProjectSource, site.Source);
            Assert.Equal(new[] { "blog", "shop" }, site.Overrides.Select(o => o.Source));
            Assert.Equal(_tree.PathOf("apps/blog/media/blog/site.css"), site.Overrides[0].FullName);
            Assert.Equal("blog", files[1].Source);
            Assert.Equal(new[] { "shop" }, files[1].Overrides.Select(o => o.Source));
            Assert.Equal("shop", files[2].Source);
            Assert.Equal("project", File.ReadAllText(site.FullName));
        }

        [Fact]
        public void All_lists_shadowed_candidates_right_after_their_winner()
        {
            _tree.Write("project/media/app1/x.css", "p");
            _tree.Write("apps/app1/media/app1/x.css", "a");
            _tree.Write("apps/app1/media/app1/y.css", "y");

            var files = Discover(r => { r.Roots.Add(Root); r.Apps.Add(_tree.PathOf("apps/app1")); r.All = true; });

            Assert.Equal(new[] { "app1/x.css", "app1/x.css", "app1/y.css" }, files.Select(f => f.RelativePath));
            Assert.Equal(new[] { false, true, false }, files.Select(f => f.IsOverridden));
            Assert.Equal(new[] { MediaFile.ProjectSource, "app1", "app1" }, files.Select(f => f.Source));
        }

        [Fact]
        public void Name_with_All_reports_which_file_wins_without_walking_everything()
        {
            _tree.Write("project/media/app1/x.css", "p");
            _tree.Write("apps/app1/media/app1/x.css", "a");
            _tree.Write("apps/app2/media/app1/x.css", "b");
            _tree.Write("project/media/other.css", "o");

            var files = Discover(r =>
            {
                r.Roots.Add(Root);
                r.Apps.Add(_tree.PathOf("apps/app1"));
                r.Apps.Add(_tree.PathOf("apps/app2"));
                r.Names.Add("app1/x.css");
                r.All = true;
            });

            Assert.Equal(new[] { MediaFile.ProjectSource, "app1", "app2" }, files.Select(f => f.Source));
            Assert.All(files, f => Assert.Equal("app1/x.css", f.RelativePath));
            Assert.Equal(2, files[0].Overrides.Count);
        }

        [Fact]
        public void Name_accepts_globs_and_a_missing_name_yields_nothing()
        {
            _tree.Write("project/media/a/x.css", "1");
            _tree.Write("project/media/a/y.js", "2");

            Assert.Equal(new[] { "a/x.css" }, Discover(r => { r.Roots.Add(Root); r.Names.Add("a/*.css"); }).Select(f => f.RelativePath));
            Assert.Empty(Discover(r => { r.Roots.Add(Root); r.Names.Add("a/missing.css"); }));
        }

        [Fact]
        public void Include_and_exclude_filter_keys_with_globs()
        {
            _tree.Write("project/media/css/a.css", "1");
            _tree.Write("project/media/css/vendor/b.css", "2");
            _tree.Write("project/media/js/c.js", "3");

            var files = Discover(r => { r.Roots.Add(Root); r.Include.Add("*.css"); r.Exclude.Add("css/vendor/**"); });

            Assert.Equal(new[] { "css/a.css" }, files.Select(f => f.RelativePath));
        }

        [Fact]
        public void Hidden_names_underscore_folders_and_partials_are_skipped_unless_forced()
        {
            _tree.Write("project/media/ok.css", "1");
            _tree.Write("project/media/.hidden.css", "2");
            _tree.Write("project/media/_partial.scss", "3");
            _tree.Write("project/media/.git/config", "4");
            _tree.Write("project/media/_drafts/x.css", "5");
            // a stylesheet a package @imports (animate.css's source/_vars.css) is published, not skipped as a partial
            _tree.Write("project/media/source/_vars.css", "6");

            Assert.Equal(new[] { "ok.css", "source/_vars.css" }, Discover(r => r.Roots.Add(Root)).Select(f => f.RelativePath));
            var forced = Discover(r => { r.Roots.Add(Root); r.Force = true; }).Select(f => f.RelativePath);
            Assert.Equal(new[] { ".git/config", ".hidden.css", "_drafts/x.css", "_partial.scss", "ok.css", "source/_vars.css" }, forced);
        }

        [Fact]
        public void A_processing_cache_made_inside_a_root_is_never_taken_for_media()
        {
            _tree.Write("project/media/ok.css", "1");
            // a cmdlet run from inside the media root puts its cache in ./out/cache, there
            var cache = new MediaSync.Processing.Cache.ProcessingCache(_tree.PathOf("project/media/out/cache"));
            Assert.True(cache.Put(cache.KeyFor("step", "0123456789abcdef0123456789abcdef", 1), new byte[] { 1, 2, 3 }));
            Assert.True(File.Exists(_tree.PathOf("project/media/out/cache/CACHEDIR.TAG")));

            Assert.Equal(new[] { "ok.css" }, Discover(r => r.Roots.Add(Root)).Select(f => f.RelativePath));
        }

        [Fact]
        public void Hidden_candidates_in_apps_do_not_count_as_overrides()
        {
            _tree.Write("project/media/_x/a.css", "p");
            _tree.Write("project/media/b.css", "p");
            _tree.Write("apps/one/media/_x/a.css", "a");

            var files = Discover(r => { r.Roots.Add(Root); r.Apps.Add(_tree.PathOf("apps/one")); });

            Assert.Equal(new[] { "b.css" }, files.Select(f => f.RelativePath));
        }

        [Fact]
        public void Media_directory_name_is_global_and_an_app_may_name_its_own()
        {
            _tree.Write("apps/one/static/one/a.css", "1");
            _tree.Write("apps/two/assets/two/b.css", "2");
            _tree.Write("apps/two/mediasync.json", "{ // comments allowed\n \"mediaDirectoryName\": \"assets\" }");

            var files = Discover(r =>
            {
                r.Apps.Add(_tree.PathOf("apps/one"));
                r.Apps.Add(_tree.PathOf("apps/two"));
                r.MediaDirectoryName = "static";
            });

            Assert.Equal(new[] { "one/a.css", "two/b.css" }, files.Select(f => f.RelativePath));
            Assert.Equal(new[] { "one", "two" }, files.Select(f => f.Source));
        }

        [Fact]
        public void An_app_without_media_adds_nothing_and_says_so()
        {
            Directory.CreateDirectory(_tree.PathOf("apps/empty"));
            _tree.Write("project/media/a.css", "1");

            var files = Discover(r => { r.Roots.Add(Root); r.Apps.Add(_tree.PathOf("apps/empty")); });

            Assert.Single(files);
            Assert.Contains(_host.Verbose, v => v.Contains("'empty'") && v.Contains("'media'"));
        }

        [Fact]
        public void A_missing_root_or_app_is_one_error_each_the_rest_is_searched_and_every_file_names_what_was_missing()
        {
            _tree.Write("project/media/css/site.css", "x");
            var missingRoot = _tree.PathOf("missing");
            var missingApp = _tree.PathOf("no-app");

            var files = Discover(r => { r.Roots.Add(missingRoot); r.Roots.Add(Root); r.Apps.Add(missingApp); });

            Assert.Equal(new[] { "css/site.css" }, files.Select(f => f.RelativePath));
            Assert.Equal(new[] { "MediaSync.RootNotFound", "MediaSync.AppNotFound" }, _host.ErrorIds);
            Assert.Equal(new object[] { missingRoot, missingApp }, _host.Errors.Select(e => e.Target));
            Assert.Equal(new[] { missingRoot, missingApp }, files.Single().MissingSources);
            // derived files carry it on, so no later publisher mistakes what the missing sources held for orphans
            Assert.Equal(new[] { missingRoot, missingApp }, files.Single().Derive(new MemoryContent(new byte[] { 1 }), "Test").MissingSources);
            Assert.Empty(Discover(r => r.Roots.Add(Root)).Single().MissingSources);
        }

        [Fact]
        public void Bad_arguments_are_terminating_errors_raised_before_any_output()
        {
            _tree.Write("file.css", "x");
            Assert.Equal("MediaSync.RootIsFile", Refused(r => r.Roots.Add(_tree.PathOf("file.css"))));
            Assert.Equal("MediaSync.NoRoots", Refused(r => { }));
            Assert.Equal("MediaSync.InvalidMediaDirectoryName", Refused(r => { r.Roots.Add(_tree.Root); r.MediaDirectoryName = "../x"; }));
            _tree.Write("apps/bad/mediasync.json", "{ not json");
            Assert.Equal("MediaSync.AppSettingsInvalid", Refused(r => r.Apps.Add(_tree.PathOf("apps/bad"))));
        }

        private string Refused(Action<MediaDiscoveryRequest> configure)
        {
            var request = new MediaDiscoveryRequest();
            configure(request);
            // Discover itself throws, before enumeration: nothing downstream ever sees a partial set.
            var e = Assert.Throws<MediaSyncException>(() => MediaDiscovery.Discover(request, _host));
            return e.Error.Id;
        }

        [Fact]
        public void Symlink_loops_are_reported_and_skipped_while_the_rest_is_found()
        {
            _tree.Write("project/media/a/x.css", "1");
            _tree.Write("project/media/b.css", "2");
            Directory.CreateSymbolicLink(_tree.PathOf("project/media/a/loop"), _tree.PathOf("project/media"));
            Directory.CreateSymbolicLink(_tree.PathOf("project/media/a/self"), _tree.PathOf("project/media/a"));

            var files = Discover(r => r.Roots.Add(Root));

            Assert.Equal(new[] { "a/x.css", "b.css" }, files.Select(f => f.RelativePath));
            Assert.Equal(new[] { "MediaSync.SymlinkLoop", "MediaSync.SymlinkLoop" }, _host.ErrorIds);
            Assert.Contains("loop", _host.Errors[0].Message);
        }

        [Fact]
        public void Linked_files_and_folders_outside_the_root_are_followed_under_FollowLinks_with_the_targets_size()
        {
            _tree.Write("shared/fonts/f.woff2", "0123456789");
            _tree.Write("shared/logo.png", "png-bytes");
            _tree.Write("project/media/a.css", "1");
            Directory.CreateSymbolicLink(_tree.PathOf("project/media/fonts"), _tree.PathOf("shared/fonts"));
            File.CreateSymbolicLink(_tree.PathOf("project/media/logo.png"), _tree.PathOf("shared/logo.png"));
            File.CreateSymbolicLink(_tree.PathOf("project/media/broken.png"), _tree.PathOf("shared/nothing.png"));

            var files = Discover(r => { r.Roots.Add(Root); r.FollowLinks = true; });

            Assert.Equal(new[] { "a.css", "fonts/f.woff2", "logo.png" }, files.Select(f => f.RelativePath));
            Assert.Equal(10, files[1].Length);
            Assert.Equal(9, files[2].Length);
            Assert.Equal("font/woff2", files[1].ContentType);
            Assert.Equal(new[] { "MediaSync.BrokenLink" }, _host.ErrorIds);
        }

        [Fact]
        public void Names_with_spaces_unicode_and_url_characters_are_found_as_they_are()
        {
            var names = new[] { "a b.css", "café/straße.css", "日本語.js", "100%+&;=#.png", "emoji-😀.svg" };
            foreach (var name in names) _tree.Write("project/media/" + name, name);

            var files = Discover(r => r.Roots.Add(Root));

            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), files.Select(f => f.RelativePath).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(files, f => Assert.Equal(f.RelativePath, File.ReadAllText(f.FullName)));
        }

        [Fact]
        public void Files_stream_out_while_the_walk_goes_on()
        {
            _tree.Write("project/media/a/first.css", "1");
            _tree.Write("project/media/m/keep.css", "2");
            var request = new MediaDiscoveryRequest();
            request.Roots.Add(Root);

            using var files = MediaDiscovery.Discover(request, _host).GetEnumerator();
            Assert.True(files.MoveNext());
            Assert.Equal("a/first.css", files.Current.RelativePath);
            // A file added to a folder not yet entered, after the first file came out, is still found: nothing was collected up front.
            _tree.Write("project/media/m/late.css", "3");
            var rest = new System.Collections.Generic.List<string>();
            while (files.MoveNext()) rest.Add(files.Current.RelativePath);
            Assert.Equal(new[] { "m/keep.css", "m/late.css" }, rest);
        }

        [Fact]
        public void Hash_is_the_md5_of_the_content_computed_once_on_first_use()
        {
            _tree.Write("project/media/a.css", "hello");
            var file = Discover(r => r.Roots.Add(Root)).Single();

            Assert.False(file.HasHash);
            var expected = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes("hello"))).ToLowerInvariant();
            Assert.Equal(expected, file.Hash);
            _tree.Write("project/media/a.css", "changed");
            Assert.Equal(expected, file.Hash);
            Assert.True(file.HasHash);
        }

        [Fact]
        public void Cancellation_stops_the_walk()
        {
            for (var i = 0; i < 5; i++) _tree.Write($"project/media/d{i}/f.css", "x");
            var request = new MediaDiscoveryRequest();
            request.Roots.Add(Root);
            using var files = MediaDiscovery.Discover(request, _host).GetEnumerator();
            Assert.True(files.MoveNext());
            _host.Stop.Cancel();
            Assert.Throws<OperationCanceledException>(() => { while (files.MoveNext()) { } });
        }
    }
}
