using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using MediaSync.Content;
using MediaSync.Publishing;
using MediaSync.Reporting;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Stores
{
    /// <summary>
    /// What a PowerShell script store does, in C#: it keeps its objects somewhere of its own and lists them as
    /// hashtables (case-insensitive, like PowerShell's @{}), or as plain objects (like [pscustomobject]).
    /// </summary>
    internal sealed class ScriptLikeBackend
    {
        private readonly SortedDictionary<string, (byte[] Bytes, Hashtable Headers)> _objects = new SortedDictionary<string, (byte[], Hashtable)>(StringComparer.Ordinal);

        public List<int> CallingThreads { get; } = new List<int>();
        public List<string> Calls { get; } = new List<string>();
        public bool ListAsObjects { get; set; }
        public Func<StorePut, bool>? FailPut { get; set; }

        /// <summary>The call ("List", "Put key", "Delete keys") that writes an error and returns, as a script's Write-Error does.</summary>
        public string? WritesErrorOn { get; set; }
        private readonly List<string> _written = new List<string>();

        private void MaybeWriteError(string call)
        {
            if (call == WritesErrorOn) _written.Add("Write-Error: " + call + " went wrong");
        }

        private IReadOnlyList<string> TakeErrors()
        {
            var taken = _written.ToList();
            _written.Clear();
            return taken;
        }

        public IEnumerable<object?> List()
        {
            CallingThreads.Add(Environment.CurrentManagedThreadId);
            Calls.Add("List");
            MaybeWriteError("List");
            foreach (var entry in _objects)
            {
                var md5 = TestMedia.Md5(entry.Value.Bytes);
                if (ListAsObjects) yield return new { Key = entry.Key, Length = (long)entry.Value.Bytes.Length, ETag = "\"" + md5 + "\"", Headers = entry.Value.Headers };
                else yield return new Hashtable(StringComparer.OrdinalIgnoreCase) { ["key"] = entry.Key, ["Size"] = entry.Value.Bytes.Length, ["MD5"] = md5, ["Headers"] = entry.Value.Headers };
            }
        }

        public void Put(StorePut put)
        {
            CallingThreads.Add(Environment.CurrentManagedThreadId);
            Calls.Add("Put " + put.Key);
            if (FailPut?.Invoke(put) == true) throw new InvalidOperationException("the script said no");
            MaybeWriteError("Put " + put.Key);
            if (WritesErrorOn == "Put " + put.Key) return;   // a failed write inside the script: nothing stored
            var headers = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var header in put.Headers) headers[header.Key] = header.Value;
            _objects[put.Key] = (put.ReadAllBytes(), headers);
        }

        public void Delete(IReadOnlyList<string> keys)
        {
            CallingThreads.Add(Environment.CurrentManagedThreadId);
            Calls.Add("Delete " + string.Join(",", keys));
            MaybeWriteError("Delete " + string.Join(",", keys));
            foreach (var key in keys) _objects.Remove(key);
        }

        public CallbackStore Store(bool withDelete = true) =>
            new CallbackStore("https://cdn.example.test/media/", List, Put, withDelete ? Delete : null, keepsHeaders: true, takeErrors: TakeErrors);
    }

    public sealed class CallbackStoreConformance : StoreConformance
    {
        protected override IMediaStore CreateStore() => new ScriptLikeBackend().Store();
    }

    public sealed class CallbackStoreListingObjectsConformance : StoreConformance
    {
        protected override IMediaStore CreateStore() => new ScriptLikeBackend { ListAsObjects = true }.Store();
    }

    public sealed class CallbackStoreTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        private readonly RecordingHost _host = new RecordingHost();
        private readonly ScriptLikeBackend _backend = new ScriptLikeBackend();

        private static MediaFile File(string key, string text) => TestMedia.InMemory(key, text, Now);

        private static List<MediaFile> Site() => Enumerable.Range(0, 30).Select(i => File($"img/{i}.png", "p" + i))
            .Append(File("index.html", "<p>")).Append(File("css/site.css", "body{}")).ToList();

        private PublishResult[] Sync(IMediaStore store, IReadOnlyList<MediaFile> files, Action<PublishRequest>? configure = null)
        {
            var request = new PublishRequest { NowUtc = Now, ThrottleLimit = 8 };
            configure?.Invoke(request);
            return Publisher.Publish(request, files, store, _host).ToArray();
        }

        [Fact]
        public void Every_call_runs_on_the_publishing_thread_as_a_scriptblock_needs()
        {
            var results = Sync(_backend.Store(), Site());
            Sync(_backend.Store(), Site().Skip(1).ToList(), r => r.Delete = true);

            Assert.All(results, r => Assert.Equal(PublishAction.Created, r.Action));
            Assert.Contains(_backend.Calls, c => c.StartsWith("Delete "));
            Assert.Equal(new[] { Environment.CurrentManagedThreadId }, _backend.CallingThreads.Distinct());
        }

        [Fact]
        public void A_second_sync_costs_only_the_listing_and_results_carry_public_urls()
        {
            var first = Sync(_backend.Store(), Site());
            _backend.Calls.Clear();

            var again = Sync(_backend.Store(), Site());

            Assert.Equal(new[] { "List" }, _backend.Calls);
            Assert.All(again, r => Assert.Equal(PublishReason.Unchanged, r.Reason));
            Assert.Contains(first, r => r.Destination == "https://cdn.example.test/media/css/site.css");
        }

        [Fact]
        public void Without_a_delete_function_delete_is_refused_before_anything_is_written()
        {
            var error = Assert.Throws<MediaSyncException>(() => Sync(_backend.Store(withDelete: false), Site(), r => r.Delete = true));

            Assert.Equal("MediaSync.ConflictingArguments", error.Error.Id);
            Assert.Contains("-Delete", error.Message);
            Assert.Empty(_backend.Calls);
        }

        [Fact]
        public void A_failing_put_is_one_file_error_and_the_rest_is_published()
        {
            _backend.FailPut = put => put.Key == "css/site.css";

            var results = Sync(_backend.Store(), Site());

            var failed = Assert.Single(results, r => r.Action == PublishAction.Failed);
            Assert.Equal("css/site.css", failed.RelativePath);
            Assert.Contains("the script said no", failed.Error!.Message);
            Assert.Equal(Site().Count - 1, results.Count(r => r.Action == PublishAction.Created));
        }

        [Fact]
        public void A_put_that_writes_an_error_without_throwing_fails_that_file_and_holds_deletes_back()
        {
            Sync(_backend.Store(), Site());
            _backend.Calls.Clear();
            _backend.WritesErrorOn = "Put css/site.css";
            var changed = Site().Skip(1).Select(f => f.RelativePath == "css/site.css" ? File("css/site.css", "body{color:red}") : f).ToList();

            var results = Sync(_backend.Store(), changed, r => { r.Delete = true; r.MaxDeletePercent = 100; });

            var failed = Assert.Single(results, r => r.RelativePath == "css/site.css");
            Assert.Equal(PublishAction.Failed, failed.Action);
            Assert.Equal("MediaSync.StoreWriteFailed", failed.Error!.Id);
            Assert.Contains("-Put wrote an error: Write-Error: Put css/site.css went wrong", failed.Error.Message);
            Assert.DoesNotContain(_backend.Calls, c => c.StartsWith("Delete ", StringComparison.Ordinal));
            Assert.Equal(PublishAction.Skipped, Assert.Single(results, r => r.RelativePath == "img/0.png").Action);
            Assert.Contains(_host.Errors, e => e.Id == "MediaSync.DeleteSkippedAfterFailures");
        }

        [Fact]
        public void A_listing_that_writes_an_error_stops_the_publish_before_anything_is_put_or_deleted()
        {
            Sync(_backend.Store(), Site());
            _backend.Calls.Clear();
            _backend.WritesErrorOn = "List";

            var error = Assert.Throws<MediaSyncException>(() => Sync(_backend.Store(), Site().Skip(1).Append(File("new.css", "x")).ToList(), r => r.Delete = true));

            Assert.Equal("MediaSync.StoreListFailed", error.Error.Id);
            Assert.Contains("-List wrote an error", error.Message);
            Assert.Equal(new[] { "List" }, _backend.Calls);
        }

        [Fact]
        public void A_delete_that_writes_an_error_fails_the_orphans_it_was_given()
        {
            Sync(_backend.Store(), Site());
            _backend.WritesErrorOn = "Delete img/0.png";

            var results = Sync(_backend.Store(), Site().Skip(1).ToList(), r => { r.Delete = true; r.MaxDeletePercent = 100; });

            var orphan = Assert.Single(results, r => r.RelativePath == "img/0.png");
            Assert.Equal(PublishAction.Failed, orphan.Action);
            Assert.Equal("MediaSync.StoreDeleteFailed", orphan.Error!.Id);
            Assert.Contains("-Delete wrote an error", orphan.Error.Message);
        }

        [Theory]
        [InlineData("no-key", "has no Key")]
        [InlineData("no-size", "has no Size")]
        [InlineData("bad-key", "is not valid")]
        [InlineData("twice", "twice")]
        [InlineData("throws", "listing broke")]
        public void A_bad_listing_stops_the_publish_with_a_clear_error_and_writes_nothing(string fault, string expected)
        {
            var puts = 0;
            IEnumerable<object?> List()
            {
                if (fault == "throws") throw new InvalidOperationException("listing broke");
                yield return new Hashtable { ["Key"] = "ok.css", ["Size"] = 3 };
                yield return fault switch
                {
                    "no-key" => new Hashtable { ["Size"] = 3 },
                    "no-size" => new Hashtable { ["Key"] = "b.css", ["Size"] = "many" },
                    "bad-key" => new Hashtable { ["Key"] = "../b.css", ["Size"] = 3 },
                    _ => new Hashtable { ["Key"] = "ok.css", ["Size"] = 3 },
                };
            }
            var store = new CallbackStore("http://cdn.example.test", List, _ => puts++);

            var error = Assert.Throws<MediaSyncException>(() => Sync(store, Site()));

            Assert.Equal("MediaSync.StoreListFailed", error.Error.Id);
            Assert.Contains(expected, error.Message);
            Assert.Equal(0, puts);
        }

        [Theory]
        [InlineData("ftp://example.test/")]
        [InlineData("cdn.example.test/media")]
        public void The_base_url_must_be_absolute_http(string baseUrl)
        {
            var error = Assert.Throws<MediaSyncException>(() => new CallbackStore(baseUrl, () => Array.Empty<object>(), _ => { }));
            Assert.Equal("MediaSync.ConflictingArguments", error.Error.Id);
        }

        [Fact]
        public void A_multipart_etag_or_no_md5_counts_as_unknown_so_same_sized_content_is_uploaded_again()
        {
            var listing = new List<object?>
            {
                new Hashtable { ["Key"] = "a.css", ["Size"] = 6, ["ETag"] = "\"9e107d9d372bb6826bd81d3542a419d6-2\"" },
                new Hashtable { ["Key"] = "b.css", ["Size"] = 6 },
            };
            var puts = new List<string>();
            var store = new CallbackStore("https://cdn.example.test", () => listing, put => puts.Add(put.Key));

            Sync(store, new List<MediaFile> { File("a.css", "body{}"), File("b.css", "body{}") });

            Assert.Equal(new[] { "a.css", "b.css" }, puts.OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void WhatIf_lists_but_never_calls_put_or_delete()
        {
            Sync(_backend.Store(), Site());
            _backend.Calls.Clear();
            _host.Approve = false;

            var plan = Sync(_backend.Store(), Site().Skip(2).Append(File("new.css", "x")).ToList(), r => { r.WhatIf = true; r.Delete = true; });

            Assert.Equal(new[] { "List" }, _backend.Calls);
            Assert.Equal(2, plan.Count(r => r.WhatIf && r.Action == PublishAction.Deleted));
            Assert.Single(plan, r => r.WhatIf && r.Action == PublishAction.Created);
        }

        [Fact]
        public void Put_gives_a_script_the_content_in_every_usual_shape()
        {
            using var tree = new TempTree();
            var seen = new List<string>();
            var store = new CallbackStore("https://cdn.example.test", () => Array.Empty<object>(), put =>
            {
                put.WriteTo(tree.PathOf("copy/" + put.Key));
                seen.Add($"{put.Key} {put.Length} {put.ContentType} {put.FilePath ?? "in-memory"} {Encoding.UTF8.GetString(put.ReadAllBytes())}");
            });

            Sync(store, new List<MediaFile> { File("css/a.css", "body{}") });

            Assert.Equal(new[] { "css/a.css 6 text/css; charset=utf-8 in-memory body{}" }, seen);
            Assert.Equal("body{}", System.IO.File.ReadAllText(tree.PathOf("copy/css/a.css")));
        }
    }
}
