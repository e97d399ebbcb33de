using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using MediaSync.Content;
using MediaSync.Publishing;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    public sealed class StorePublisherTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        private readonly RecordingHost _host = new RecordingHost();

        private static MediaFile File(string key, string text) => TestMedia.InMemory(key, text, Now);

        private static List<MediaFile> Site() => new List<MediaFile>
        {
            File("index.html", "<link href=css/site.css>"), File("css/site.css", "body{}"), File("img/logo.png", "png"), File("about.html", "<p>"),
        };

        private PublishResult[] Sync(IMediaStore store, IReadOnlyList<MediaFile> files, Action<PublishRequest>? configure = null)
        {
            var request = new PublishRequest { NowUtc = Now, ThrottleLimit = 8 };
            configure?.Invoke(request);
            if (request.WhatIf) _host.Approve = false;
            return Publisher.Publish(request, files, store, _host).ToArray();
        }

        [Fact]
        public void A_first_sync_uploads_everything_and_a_second_costs_only_the_listing()
        {
            var store = new MemoryStore();
            Assert.All(Sync(store, Site()), r => Assert.Equal((PublishAction.Created, PublishReason.New), (r.Action, r.Reason)));
            store.Calls.Clear();

            var again = Sync(store, Site());

            Assert.All(again, r => Assert.Equal((PublishAction.Skipped, PublishReason.Unchanged), (r.Action, r.Reason)));
            Assert.Equal(new[] { "List" }, store.Calls);
        }

        [Fact]
        public void Pages_go_up_only_after_every_asset()
        {
            var store = new MemoryStore();
            var files = Enumerable.Range(0, 40).Select(i => File($"img/{i}.png", "p" + i)).Concat(Site()).ToList();

            Sync(store, files);

            var puts = store.Calls.Where(c => c.StartsWith("Put ")).Select(c => c.Substring(4)).ToList();
            var firstPage = puts.FindIndex(k => k.EndsWith(".html"));
            var lastAsset = puts.FindLastIndex(k => !k.EndsWith(".html"));
            Assert.True(lastAsset < firstPage, string.Join(", ", puts));
        }

        [Fact]
        public void A_manifest_goes_up_after_every_asset_and_page_it_names()
        {
            var store = new MemoryStore();
            var files = Enumerable.Range(0, 40).Select(i => File($"img/{i}.png", "p" + i)).Concat(Site()).ToList();
            var manifest = MediaSync.Processing.MediaManifest.Export(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "manifest.json"), files, write: false);
            files.Insert(0, manifest);

            Sync(store, files);

            var puts = store.Calls.Where(c => c.StartsWith("Put ")).Select(c => c.Substring(4)).ToList();
            Assert.Equal(files.Count, puts.Count);
            Assert.True(puts.IndexOf("manifest.json") > puts.FindLastIndex(k => !k.EndsWith(".html") && k != "manifest.json"), string.Join(", ", puts));
        }

        [Fact]
        public void Same_sized_content_the_store_gives_no_md5_for_is_uploaded_as_not_comparable_never_as_changed()
        {
            var store = new NoMd5Store();
            Sync(store, Site());

            var results = Sync(store, Site());

            Assert.All(results, r => Assert.Equal((PublishAction.Updated, PublishReason.NotComparable), (r.Action, r.Reason)));
        }

        [Fact]
        public void Input_found_without_one_of_its_roots_deletes_nothing()
        {
            var store = new MemoryStore();
            Sync(store, Site());
            var partial = Site().Take(3).Select(f => { f.MissingSources = new[] { "/gone" }; return f; }).ToList();

            var results = Sync(store, partial, r => r.Delete = true);

            Assert.DoesNotContain(results, r => r.Action == PublishAction.Deleted);
            Assert.Equal("MediaSync.DeleteRefusedIncompleteInput", _host.ErrorIds.Single());
            Assert.Equal(4, store.List(CancellationToken.None).Count());
        }

        [Fact]
        public void Content_and_header_changes_are_told_apart_and_headers_are_fixed_without_an_upload()
        {
            var store = new MemoryStore();
            Sync(store, Site());
            store.Calls.Clear();
            var files = Site();
            files[1] = File("css/site.css", "body{color:red}");

            var results = Sync(store, files, r => r.Headers.Rules.Add(new HeaderRule("*.html", new Dictionary<string, string> { ["Cache-Control"] = "no-cache" })));

            Assert.Equal((PublishAction.Updated, PublishReason.ContentChanged), (results.Single(r => r.RelativePath == "css/site.css").Action, results.Single(r => r.RelativePath == "css/site.css").Reason));
            Assert.All(results.Where(r => r.RelativePath.EndsWith(".html")), r => Assert.Equal(PublishReason.HeadersChanged, r.Reason));
            Assert.Contains("UpdateHeaders index.html", store.Calls);
            Assert.DoesNotContain("Put index.html", store.Calls);
            Assert.Equal("no-cache", store.List(CancellationToken.None).Single(o => o.Key == "index.html").Headers["Cache-Control"]);
        }

        [Fact]
        public void Orphans_are_deleted_in_one_batch_after_the_uploads()
        {
            var store = new MemoryStore();
            Sync(store, Site());
            store.Calls.Clear();

            var results = Sync(store, Site().Take(3).ToList(), r => r.Delete = true);

            Assert.Equal((PublishAction.Deleted, PublishReason.Orphan), (results.Last().Action, results.Last().Reason));
            Assert.Equal("about.html", results.Last().RelativePath);
            Assert.Equal(new[] { "List", "Delete about.html" }, store.Calls);
        }

        [Theory]
        [InlineData("max-delete")]
        [InlineData("max-percent")]
        [InlineData("empty-input")]
        [InlineData("failed-write")]
        public void Every_guard_stops_all_deletes(string guard)
        {
            var store = new FailingStore("css/site.css");
            var remote = Enumerable.Range(0, 10).Select(i => File($"old/{i}.js", "x")).Concat(Site()).ToList();
            Sync(store.Inner, remote);
            store.Inner.Calls.Clear();
            var files = guard == "empty-input" ? new List<MediaFile>() : Site().Skip(guard == "failed-write" ? 0 : 1).ToList();

            Sync(guard == "failed-write" ? store : (IMediaStore)store.Inner, files, r =>
            {
                r.Delete = true;
                r.MaxDelete = guard == "max-delete" ? 5 : 1000;
                r.MaxDeletePercent = guard == "max-percent" ? 50 : 100;
                if (guard == "failed-write") files[1] = File("css/site.css", "changed so it is written, and fails");
            });

            var expected = guard switch
            {
                "max-delete" => "MediaSync.DeleteLimitExceeded",
                "max-percent" => "MediaSync.DeletePercentExceeded",
                "empty-input" => "MediaSync.NothingToPublish",
                _ => "MediaSync.DeleteSkippedAfterFailures",
            };
            Assert.Contains(expected, _host.ErrorIds);
            Assert.DoesNotContain(store.Inner.Calls, c => c.StartsWith("Delete"));
            Assert.Equal(14, store.Inner.List(CancellationToken.None).Count());
        }

        [Fact]
        public void A_failed_upload_is_a_per_file_error_and_the_rest_go_up()
        {
            var store = new FailingStore("css/site.css");

            var results = Sync(store, Site());

            Assert.Equal(PublishAction.Failed, results.Single(r => r.RelativePath == "css/site.css").Action);
            Assert.Equal(3, results.Count(r => r.Action == PublishAction.Created));
            Assert.Equal("MediaSync.StoreWriteFailed", _host.ErrorIds.Single());
        }

        [Fact]
        public void WhatIf_plans_everything_against_the_real_listing_and_writes_nothing()
        {
            var store = new MemoryStore();
            Sync(store, Site());
            store.Calls.Clear();
            var files = Site().Take(3).ToList();
            files[0] = File("index.html", "<p>new");

            var plan = Sync(store, files, r => { r.Delete = true; r.WhatIf = true; r.MaxDeletePercent = 100; });

            Assert.Equal(new[] { "List" }, store.Calls);
            Assert.Equal((PublishAction.Updated, PublishReason.ContentChanged), (plan.Single(r => r.RelativePath == "index.html").Action, plan.Single(r => r.RelativePath == "index.html").Reason));
            Assert.True(plan.Single(r => r.RelativePath == "about.html").WhatIf);
            Assert.Equal(PublishAction.Deleted, plan.Single(r => r.RelativePath == "about.html").Action);
        }

        [Fact]
        public void Bad_guard_values_are_refused()
        {
            Assert.Throws<MediaSync.Reporting.MediaSyncException>(() => Publisher.Publish(new PublishRequest { MaxDeletePercent = 101 }, Site(), new MemoryStore(), _host));
            Assert.Throws<MediaSync.Reporting.MediaSyncException>(() => Publisher.Publish(new PublishRequest { MaxDelete = -1 }, Site(), new MemoryStore(), _host));
        }

        /// <summary>A memory store whose listing gives sizes but no MD5s, as a script store's -List may.</summary>
        private sealed class NoMd5Store : IMediaStore
        {
            private readonly MemoryStore _inner = new MemoryStore();
            public string Name => "no-md5";
            public bool KeepsHeaders => true;
            public bool CanDelete => true;
            public IEnumerable<StoredObject> List(CancellationToken cancellation) =>
                _inner.List(cancellation).Select(o => new StoredObject(o.Key, o.Size, md5: null, o.Headers)).ToList();
            public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation) => _inner.Delete(keys, cancellation);
            public void Put(StorePut put, CancellationToken cancellation) => _inner.Put(put, cancellation);
        }

        /// <summary>A memory store whose uploads of one key fail, as a broken connection would.</summary>
        private sealed class FailingStore : IMediaStore
        {
            private readonly string _failingKey;
            public FailingStore(string failingKey) => _failingKey = failingKey;
            public MemoryStore Inner { get; } = new MemoryStore();
            public string Name => "failing";
            public bool KeepsHeaders => true;
            public bool CanDelete => true;
            public IEnumerable<StoredObject> List(CancellationToken cancellation) => Inner.List(cancellation);
            public void Delete(IReadOnlyList<string> keys, CancellationToken cancellation) => Inner.Delete(keys, cancellation);
            public void Put(StorePut put, CancellationToken cancellation)
            {
                if (put.Key == _failingKey) throw new System.IO.IOException("connection reset by peer");
                Inner.Put(put, cancellation);
            }
        }
    }

    [Collection("ceph")]
    public sealed class S3SyncTests
    {
        private readonly CephGateway _ceph;
        public S3SyncTests(CephGateway ceph) => _ceph = ceph;

        [Fact]
        public void A_site_syncs_to_ceph_then_a_rerun_changes_nothing_and_a_change_uploads_one_file()
        {
            using var store = _ceph.NewStore(prefix: "static");
            var host = new RecordingHost();
            MediaFile File(string key, string text) => TestMedia.InMemory(key, text, DateTime.UtcNow);
            var files = new List<MediaFile> { File("index.html", "<p>"), File("css/site.css", "body{}"), File("js/app.js", "x()") };
            files.AddRange(Enumerable.Range(0, 100).Select(i => File($"img/{i % 2}/p{i}.png", "png" + i)));
            PublishResult[] Sync(IReadOnlyList<MediaFile> input) => Publisher.Publish(new PublishRequest { Delete = true, MaxDeletePercent = 100 }, input, store, host).ToArray();

            Assert.All(Sync(files), r => Assert.Equal(PublishAction.Created, r.Action));
            var before = store.Requests;
            Assert.All(Sync(files), r => Assert.Equal(PublishReason.Unchanged, r.Reason));
            // the state object and one listing page: never a request per file
            Assert.Equal(2, store.Requests - before);
            files[1] = File("css/site.css", "body{color:red}");
            files.RemoveAt(2);
            var results = Sync(files);

            Assert.Equal(PublishReason.ContentChanged, results.Single(r => r.RelativePath == "css/site.css").Reason);
            Assert.Equal(PublishAction.Deleted, results.Single(r => r.RelativePath == "js/app.js").Action);
            Assert.Empty(host.Errors);
            Assert.Equal(new[] { "css/site.css", "index.html" }, store.List(CancellationToken.None).Select(o => o.Key).Where(k => !k.StartsWith("img/")));
        }

        [Fact]
        public void A_header_rule_change_is_seen_from_the_state_and_fixed_without_an_upload()
        {
            using var store = _ceph.NewStore();
            var host = new RecordingHost();
            var files = new List<MediaFile>
            {
                TestMedia.InMemory("index.html", "<p>", DateTime.UtcNow),
                TestMedia.InMemory("app.js", "x()", DateTime.UtcNow),
            };
            Publisher.Publish(new PublishRequest(), files, store, host).ToList();
            var request = new PublishRequest();
            request.Headers.Rules.Add(new HeaderRule("*.html", new Dictionary<string, string> { ["Cache-Control"] = "no-cache" }));

            var results = Publisher.Publish(request, files, store, host).ToList();

            Assert.Equal((PublishAction.Updated, PublishReason.HeadersChanged), (results.Single(r => r.RelativePath == "index.html").Action, results.Single(r => r.RelativePath == "index.html").Reason));
            Assert.Equal(PublishReason.Unchanged, results.Single(r => r.RelativePath == "app.js").Reason);
            var again = Publisher.Publish(request, files, store, host).ToList();
            Assert.All(again, r => Assert.Equal(PublishReason.Unchanged, r.Reason));
            Assert.Equal("no-cache", store.List(CancellationToken.None).Single(o => o.Key == "index.html").Headers["Cache-Control"]);
            Assert.Empty(host.Errors);
        }

        [Fact]
        public void Without_a_state_entry_headers_are_read_and_drift_is_still_found()
        {
            using var store = _ceph.NewStore();
            var host = new RecordingHost();
            var files = new List<MediaFile> { TestMedia.InMemory("a.css", "a{}", DateTime.UtcNow) };
            // Another tool filled the bucket: same bytes, other headers, and no MediaSync state.
            using (var other = _ceph.Reopen(store))
                other.Put(new StorePut("a.css", new MemoryContent(Encoding.UTF8.GetBytes("a{}")), TestMedia.Md5("a{}"), new Dictionary<string, string> { ["Content-Type"] = "text/plain" }), CancellationToken.None);

            var results = Publisher.Publish(new PublishRequest(), files, store, host).ToList();

            Assert.Equal((PublishAction.Updated, PublishReason.HeadersChanged), (results.Single().Action, results.Single().Reason));
            Assert.Equal("text/css; charset=utf-8", store.List(CancellationToken.None).Single().Headers["Content-Type"]);
            Assert.Equal(PublishReason.Unchanged, Publisher.Publish(new PublishRequest(), files, store, host).Single().Reason);
        }

        [Fact]
        public void An_object_another_tool_wrote_right_is_looked_at_once_and_then_remembered()
        {
            using var store = _ceph.NewStore();
            var host = new RecordingHost();
            var files = new List<MediaFile> { TestMedia.InMemory("a.css", "a{}", DateTime.UtcNow) };
            var wanted = new PublishRequest().Headers.For(files[0], DateTime.UtcNow);
            using (var other = _ceph.Reopen(store))
                other.Put(new StorePut("a.css", new MemoryContent(Encoding.UTF8.GetBytes("a{}")), TestMedia.Md5("a{}"), wanted), CancellationToken.None);

            var first = store.Requests;
            Assert.Equal(PublishReason.Unchanged, Publisher.Publish(new PublishRequest(), files, store, host).Single().Reason);
            var second = store.Requests;
            Assert.Equal(PublishReason.Unchanged, Publisher.Publish(new PublishRequest(), files, store, host).Single().Reason);

            // The first run read the headers (HEAD) and saved what it found; the second needs only the state and the listing.
            Assert.Equal(4, second - first);
            Assert.Equal(2, store.Requests - second);
        }

        [Fact]
        public void A_bucket_that_does_not_exist_is_one_clear_error_and_nothing_is_written()
        {
            using var store = new S3Store(_ceph.Options("mediasync-missing-" + Guid.NewGuid().ToString("N").Substring(0, 12)));
            var files = new List<MediaFile> { TestMedia.InMemory("a.css", "a{}", DateTime.UtcNow) };

            var error = Assert.Throws<MediaSync.Reporting.MediaSyncException>(() => Publisher.Publish(new PublishRequest(), files, store, new RecordingHost()).ToList());

            Assert.Equal("MediaSync.StoreListFailed", error.Error.Id);
            Assert.EndsWith("(NoSuchBucket, HTTP 404)", error.Message);
        }
    }
}
