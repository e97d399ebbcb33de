using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
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
    /// <summary>S3 under trouble: injected 503 SlowDown, 500s, reset connections and silence, in front of the real Ceph RGW.</summary>
    [Collection("ceph")]
    public sealed class S3ResilienceTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        private readonly CephGateway _ceph;
        private readonly RecordingHost _host = new RecordingHost();

        public S3ResilienceTests(CephGateway ceph) => _ceph = ceph;

        private static MediaFile File(string key, byte[] bytes) => TestMedia.InMemory(key, bytes, Now);

        private static MediaFile File(string key, string text) => TestMedia.InMemory(key, text, Now);

        private static byte[] RandomBytes(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        /// <summary>A store on a fresh bucket whose requests go through <paramref name="proxy"/>.</summary>
        private S3Store Through(FaultyProxy proxy, Action<S3StoreOptions>? configure = null) =>
            _ceph.NewStore(configure: options =>
            {
                options.EndpointUrl = proxy.Endpoint;
                configure?.Invoke(options);
            });

        private FaultyProxy Proxy(Func<int, string, string, ProxyFault> decide) => new FaultyProxy(_ceph.Endpoint!, decide);

        private PublishResult[] Sync(IMediaStore store, IReadOnlyList<MediaFile> files, Action<PublishRequest>? configure = null)
        {
            var request = new PublishRequest { NowUtc = Now };
            configure?.Invoke(request);
            return Publisher.Publish(request, files, store, _host).ToArray();
        }

        private static bool IsObjectPut(string method, string path) =>
            method == "PUT" && !path.Contains(".mediasync", StringComparison.Ordinal) && path.Count(c => c == '/') > 1;

        [Fact]
        public void SlowDown_server_errors_and_reset_connections_are_retried_until_every_file_is_there()
        {
            var attempts = new ConcurrentDictionary<string, int>();
            using var proxy = Proxy((_, method, path) =>
            {
                if (!IsObjectPut(method, path)) return ProxyFault.None;
                var attempt = attempts.AddOrUpdate(path, 1, (_, n) => n + 1);
                return attempt > 1 ? ProxyFault.None
                    : path.EndsWith("slow.css") ? ProxyFault.SlowDown
                    : path.EndsWith("error.css") ? ProxyFault.InternalError
                    : path.EndsWith("reset.css") ? ProxyFault.Reset
                    : ProxyFault.None;
            });
            using var store = Through(proxy);
            var files = new[] { "slow.css", "error.css", "reset.css", "fine.css" }.Select(k => File(k, "body{/*" + k + "*/}")).ToList();

            var results = Sync(store, files);

            Assert.All(results, r => Assert.Equal(PublishAction.Created, r.Action));
            Assert.Empty(_host.Errors);
            foreach (var fault in new[] { "SlowDown", "InternalError", "Reset" }) Assert.Contains(proxy.Requests, r => r.EndsWith(" " + fault));
            using var direct = _ceph.Reopen(store);
            Assert.Equal(files.Select(f => (f.RelativePath, f.Hash)).OrderBy(f => f.RelativePath, StringComparer.Ordinal),
                direct.List(CancellationToken.None).Select(o => (o.Key, o.Md5!)));
        }

        [Fact]
        public void A_file_that_keeps_failing_is_one_error_after_its_retries_and_the_run_goes_on_without_deleting()
        {
            using var proxy = Proxy((_, method, path) => IsObjectPut(method, path) && path.EndsWith("/bad.css") ? ProxyFault.SlowDown : ProxyFault.None);
            using var store = Through(proxy, options => options.MaxRetries = 2);
            Sync(store, new[] { File("old.css", "old") });

            var results = Sync(store, new[] { File("bad.css", "b"), File("good.css", "g"), File("index.html", "<p>") }, r => r.Delete = true);

            var failed = Assert.Single(results, r => r.Action == PublishAction.Failed);
            Assert.Equal(("bad.css", "MediaSync.StoreWriteFailed"), (failed.RelativePath, failed.Error!.Id));
            Assert.EndsWith("(SlowDown, HTTP 503)", failed.Error.Message);
            // the lean attempt, then the SDK's first attempt and its two retries
            Assert.Equal(4, proxy.Requests.Count(r => r.StartsWith("PUT ") && r.Contains("/bad.css ")));
            Assert.Equal(new[] { "good.css", "index.html" }, results.Where(r => r.Action == PublishAction.Created).Select(r => r.RelativePath).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Contains("MediaSync.DeleteSkippedAfterFailures", _host.ErrorIds);
            var summary = new PublishSummary(store.Name, toStore: true);
            foreach (var result in results) summary.Add(result);
            Assert.Equal(1, summary.Failed);
            using var direct = _ceph.Reopen(store);
            Assert.Contains("old.css", direct.List(CancellationToken.None).Select(o => o.Key));
        }

        [Fact]
        public void Listing_in_ranges_finds_every_object_even_ones_another_tool_added_between_the_remembered_keys()
        {
            using var store = _ceph.NewStore(configure: options => options.ListPageSize = 4);
            var ours = Enumerable.Range(0, 23).Select(i => File($"k/{i:D3}.css", "o" + i)).ToList();
            Sync(store, ours);
            using (var other = _ceph.Reopen(store))
                foreach (var key in new[] { "a-first.css", "k/0005.css", "k/010a.css", "k/010b.css", "k/010c.css", "k/010d.css", "k/010e.css", "z-last.css", "日本/x.css" })
                    other.Put(new StorePut(key, new MemoryContent(Encoding.UTF8.GetBytes(key)), TestMedia.Md5(key), new Dictionary<string, string>()), CancellationToken.None);
            using var fresh = _ceph.NewStore(configure: options => { options.Bucket = store.Name.Substring(5).TrimEnd('/'); options.ListPageSize = 4; });

            var listed = fresh.List(CancellationToken.None).Select(o => o.Key).ToList();

            using var whole = _ceph.Reopen(store);
            Assert.Equal(32, listed.Count);
            Assert.Equal(listed.OrderBy(k => k, StringComparer.Ordinal), listed);
            Assert.Equal(whole.List(CancellationToken.None).Select(o => o.Key), listed);
        }

        [Fact]
        public void A_read_the_fast_path_cannot_make_is_made_through_the_sdk()
        {
            using var seeded = _ceph.NewStore();
            Sync(seeded, new[] { File("a.css", "a"), File("b/c.css", "c") });
            var bucket = seeded.Name.Substring(5).TrimEnd('/');
            var refusals = 0;
            using var proxy = Proxy((_, method, path) => method == "GET" && Interlocked.Increment(ref refusals) == 1 ? ProxyFault.InternalError : ProxyFault.None);
            using var store = Through(proxy, options => options.Bucket = bucket);

            Assert.Equal(new[] { "a.css", "b/c.css" }, store.List(CancellationToken.None).Select(o => o.Key));
            Assert.Contains(proxy.Requests, r => r.EndsWith(" InternalError"));
        }

        [Fact]
        public void Large_files_go_up_in_parts_several_at_once_and_then_sync_as_unchanged()
        {
            using var proxy = Proxy((_, method, path) => method == "PUT" && path.Contains("uploadId=", StringComparison.Ordinal) ? ProxyFault.Slow : ProxyFault.None);
            using var store = Through(proxy, options => { options.MultipartThreshold = 5 << 20; options.PartSize = 5 << 20; });
            var big = RandomBytes((12 << 20) + 77, seed: 3);
            var files = new[] { File("video/intro.mp4", big), File("css/site.css", "body{}") };

            var first = Sync(store, files);

            Assert.All(first, r => Assert.Equal(PublishAction.Created, r.Action));
            Assert.Equal(3, proxy.Requests.Count(r => r.Contains("uploadId=") && r.StartsWith("PUT ")));
            Assert.True(proxy.MaxInFlight >= 2, $"parts went up one at a time (at most {proxy.MaxInFlight} in flight)");
            using var direct = _ceph.Reopen(store);
            var listed = direct.List(CancellationToken.None).Single(o => o.Key == "video/intro.mp4");
            Assert.Equal((big.LongLength, TestMedia.Md5(big)), (listed.Size, listed.Md5));
            Assert.Empty(direct.IncompleteUploads());

            var before = store.Requests;
            var again = Sync(store, files);

            Assert.All(again, r => Assert.Equal(PublishReason.Unchanged, r.Reason));
            // The multipart ETag was remembered (Ceph's CompleteMultipartUpload leaves it empty): no HEAD, only state and listing.
            Assert.Equal(2, store.Requests - before);
        }

        [Fact]
        public async System.Threading.Tasks.Task Uploads_a_killed_run_left_are_aborted_once_the_next_run_completes_their_keys_and_others_are_kept()
        {
            using var store = _ceph.NewStore(configure: options => { options.MultipartThreshold = 5 << 20; options.PartSize = 5 << 20; });
            var bucket = store.Name.Substring("s3://".Length).TrimEnd('/');
            using var killedRun = new Amazon.S3.AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(_ceph.AccessKey, _ceph.SecretKey),
                new Amazon.S3.AmazonS3Config { ServiceURL = _ceph.Endpoint, ForcePathStyle = true });
            // what kill -9 leaves: uploads begun, never completed nor aborted
            foreach (var key in new[] { "video/intro.mp4", "video/intro.mp4", "video/not-in-this-run.mp4" })
                await killedRun.InitiateMultipartUploadAsync(new Amazon.S3.Model.InitiateMultipartUploadRequest { BucketName = bucket, Key = key });
            await System.Threading.Tasks.Task.Delay(1100);   // the server stamps uploads to the second

            var files = new[] { File("video/intro.mp4", RandomBytes(6 << 20, seed: 7)), File("css/site.css", "body{}") };
            // a host answers on the thread that made it, and this test resumed on another
            var results = await System.Threading.Tasks.Task.Run(() => Publisher.Publish(new PublishRequest(), files, store, new RecordingHost()).ToArray());

            Assert.All(results, r => Assert.Equal(PublishAction.Created, r.Action));
            using var direct = _ceph.Reopen(store);
            Assert.Equal(new[] { "video/not-in-this-run.mp4" }, direct.IncompleteUploads().Select(u => u.Split(' ')[0]));
        }

        [Fact]
        public void Ctrl_C_stops_stalled_uploads_and_aborts_the_multipart_upload()
        {
            using var proxy = Proxy((_, method, path) => IsObjectPut(method, path) ? ProxyFault.Stall : ProxyFault.None);
            using var store = Through(proxy, options => { options.MultipartThreshold = 5 << 20; options.PartSize = 5 << 20; });
            var files = new[] { File("video/intro.mp4", RandomBytes(11 << 20, seed: 4)), File("css/site.css", "body{}") };
            var canceledAt = new Stopwatch();
            var pressCtrlC = new Thread(() =>
            {
                if (proxy.Stalling.Wait(TimeSpan.FromSeconds(60))) Thread.Sleep(200);
                canceledAt.Start();
                _host.Stop.Cancel();
            });
            pressCtrlC.Start();

            Assert.ThrowsAny<OperationCanceledException>(() => Sync(store, files));

            var stoppedAfter = canceledAt.Elapsed;
            pressCtrlC.Join();
            Assert.True(proxy.Stalling.IsSet, "no upload reached the server");
            // The stalled requests would wait for the SDK's timeout (minutes); stopping must not.
            Assert.True(stoppedAfter < TimeSpan.FromSeconds(15), $"the run went on for {stoppedAfter} after Ctrl+C");
            using var direct = _ceph.Reopen(store);
            Assert.Empty(direct.IncompleteUploads());
            Assert.Empty(direct.List(CancellationToken.None));
        }
    }
}
