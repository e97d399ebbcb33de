using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using MediaSync.Content;
using MediaSync.Publishing;
using MediaSync.Stores;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Publishing
{
    /// <summary>What a killed run leaves behind, and sources rewritten while they are published (found by bench/chaos.sh).</summary>
    public sealed class InterruptedPublishTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();

        public void Dispose() => _tree.Dispose();

        [Fact]
        public void Temp_files_of_a_killed_writer_are_removed_by_the_next_run_and_a_live_writers_are_kept()
        {
            _tree.Write("src/css/a.css", "a{}");
            var dead = _tree.Write("out/css/.a.css.2147483647-deadwriter.mediasync-tmp", "half");
            var olderFormat = _tree.Write("out/.b.css.k3j4h5g6f7d.mediasync-tmp", "half");
            using var live = Process.Start(new ProcessStartInfo("sleep", "60"))!;
            var livePath = _tree.Write($"out/.c.css.{live.Id}-livewriter.mediasync-tmp", "in flight");
            var notOurs = _tree.Write("out/.keep-me", "hidden, not MediaSync's");
            try
            {
                var files = TestMedia.Discover(_tree.PathOf("src"));
                Publisher.Publish(new PublishRequest(_tree.PathOf("out")) { WhatIf = true }, files, new RecordingHost()).ToList();
                Assert.True(File.Exists(dead), "a dry run removed a leftover");

                var results = Publisher.Publish(new PublishRequest(_tree.PathOf("out")), files, new RecordingHost()).ToArray();
                Assert.Equal(PublishAction.Created, results.Single().Action);
                Assert.False(File.Exists(dead));
                Assert.False(File.Exists(olderFormat));
                Assert.True(File.Exists(livePath), "the temp file of a writer still running was removed");
                Assert.True(File.Exists(notOurs));
            }
            finally { live.Kill(); }
        }

        [Fact]
        public void A_source_rewritten_after_it_was_found_is_not_copied_into_place_and_the_next_run_copies_it()
        {
            _tree.Write("src/a.css", "a{color:red}");
            _tree.Write("src/b.css", "b{}");
            _tree.Write("out/a.css", "old");
            var files = TestMedia.Discover(_tree.PathOf("src"));
            File.WriteAllText(_tree.PathOf("src/a.css"), "a{color:blue}");   // same length, new bytes and write time

            var results = Publisher.Publish(new PublishRequest(_tree.PathOf("out")) { Overwrite = OverwriteStrategy.All }, files, new RecordingHost()).ToArray();
            var failed = results.Single(r => r.RelativePath == "a.css");
            Assert.Equal(PublishAction.Failed, failed.Action);
            Assert.Equal("MediaSync.SourceChanged", failed.Error!.Id);
            Assert.Equal("old", _tree.Read("out/a.css"));
            Assert.Equal(PublishAction.Created, results.Single(r => r.RelativePath == "b.css").Action);
            Assert.Empty(Directory.GetFiles(_tree.PathOf("out"), "*.mediasync-tmp", SearchOption.AllDirectories));

            Publisher.Publish(new PublishRequest(_tree.PathOf("out")), TestMedia.Discover(_tree.PathOf("src")), new RecordingHost()).ToList();
            Assert.Equal("a{color:blue}", _tree.Read("out/a.css"));
        }

        [Fact]
        public void A_store_never_gets_bytes_that_differ_from_the_md5_it_is_told()
        {
            _tree.Write("src/a.css", "a{color:red}");
            var files = TestMedia.Discover(_tree.PathOf("src"));
            File.AppendAllText(_tree.PathOf("src/a.css"), "/* grown */");
            var store = new MemoryStore();

            var result = TestMedia.Publish(store, files).Single();
            Assert.Equal("MediaSync.SourceChanged", result.Error?.Id);
            Assert.Empty(store.List(System.Threading.CancellationToken.None));
        }

        [Fact]
        public async System.Threading.Tasks.Task A_request_that_times_out_fails_its_file_and_the_publish_goes_on_to_the_end()
        {
            // Found under faults: HttpClient's timeout is an OperationCanceledException, which a worker took for Ctrl+C
            // and died of, so the publish waited forever for its result.
            for (var i = 0; i < 40; i++) _tree.Write($"src/f{i:D2}.css", "a{}");
            var store = new TimingOutStore(every: 3);
            var run = System.Threading.Tasks.Task.Run(() => TestMedia.Publish(store, TestMedia.Discover(_tree.PathOf("src"))));
            var finished = await System.Threading.Tasks.Task.WhenAny(run, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(finished == run, "the publish hung after a timed-out request");
            var results = await run;
            var failed = results.Where(r => r.Action == PublishAction.Failed).ToList();
            Assert.Equal(14, failed.Count);
            Assert.All(failed, r => Assert.Contains("Timeout of 5 seconds", r.Error!.Message));
            Assert.Equal(26, results.Count(r => r.Action == PublishAction.Created));
        }

        [Fact]
        public async System.Threading.Tasks.Task A_fifo_among_the_sources_is_skipped_with_an_error_instead_of_hanging_the_publish()
        {
            _tree.Write("src/a.css", "a{}");
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", _tree.PathOf("src/pipe.css")))!) mkfifo.WaitForExit();
            var run = System.Threading.Tasks.Task.Run(() =>
            {
                var host = new RecordingHost();   // a host answers on the thread that made it, as PowerShell's does
                var files = MediaSync.Discovery.MediaDiscovery.Discover(new MediaSync.Discovery.MediaDiscoveryRequest { Roots = { _tree.PathOf("src") } }, host).ToList();
                return (Results: Publisher.Publish(new PublishRequest(_tree.PathOf("out")), files, host).ToArray(), Host: host);
            });
            var finished = await System.Threading.Tasks.Task.WhenAny(run, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(60)));
            if (finished != run) using (var unblock = File.OpenWrite(_tree.PathOf("src/pipe.css"))) { }
            Assert.True(finished == run, "the publish waited on the FIFO");
            var (results, host) = await run;
            Assert.Equal(new[] { "a.css" }, results.Select(r => r.RelativePath));
            Assert.Contains(host.Errors, e => e.Id == "MediaSync.NotAFile" && e.Message.Contains("pipe.css"));
        }

        /// <summary>Every n-th put fails as HttpClient's timeout does; the rest are kept.</summary>
        private sealed class TimingOutStore : IMediaStore
        {
            private readonly int _every;
            private int _puts;
            public TimingOutStore(int every) => _every = every;
            public string Name => "timing-out";
            public bool KeepsHeaders => false;
            public bool CanDelete => false;
            public System.Collections.Generic.IEnumerable<StoredObject> List(System.Threading.CancellationToken cancellation) => Array.Empty<StoredObject>();
            public void Put(StorePut put, System.Threading.CancellationToken cancellation)
            {
                if (System.Threading.Interlocked.Increment(ref _puts) % _every == 1)
                    throw new System.Threading.Tasks.TaskCanceledException("The operation was canceled.",
                        new TimeoutException("The request was canceled due to the configured HttpClient.Timeout of 5 seconds elapsing."));
            }
            public void Delete(System.Collections.Generic.IReadOnlyList<string> keys, System.Threading.CancellationToken cancellation) { }
        }

        [Fact]
        public void A_state_file_that_cannot_be_saved_is_one_error_that_holds_deletes_back_not_a_crash()
        {
            var store = new UnsavableStore();
            store.Put(new StorePut("orphan.css", new MemoryContent(new byte[] { 1 }), TestMedia.Md5(new byte[] { 1 }),
                new System.Collections.Generic.Dictionary<string, string>()), System.Threading.CancellationToken.None);
            var files = new[] { TestMedia.InMemory("a.css", "a{}", TempTree.BaseTime) };
            var host = new RecordingHost();

            var results = Publisher.Publish(new PublishRequest { Delete = true }, files, store, host).ToList();

            Assert.Equal(PublishAction.Created, results.Single(r => r.RelativePath == "a.css").Action);
            Assert.Equal(new[] { "MediaSync.StateNotSaved", "MediaSync.DeleteSkippedAfterFailures" }, host.ErrorIds);
            Assert.Contains("injected: the server answered 500", host.Errors[0].Message);
            Assert.Equal(new[] { "a.css", "orphan.css" }, store.List(System.Threading.CancellationToken.None).Select(o => o.Key));
        }

        /// <summary>A store whose state file cannot be written, as a Swift server answering 500 left it (found by bench/chaos.sh).</summary>
        private sealed class UnsavableStore : IStatefulStore
        {
            private readonly MemoryStore _objects = new MemoryStore();
            public string Name => "unsavable";
            public bool KeepsHeaders => true;
            public bool CanDelete => true;
            public System.Collections.Generic.IEnumerable<StoredObject> List(System.Threading.CancellationToken cancellation) => _objects.List(cancellation);
            public void Put(StorePut put, System.Threading.CancellationToken cancellation) => _objects.Put(put, cancellation);
            public void Delete(System.Collections.Generic.IReadOnlyList<string> keys, System.Threading.CancellationToken cancellation) => _objects.Delete(keys, cancellation);
            public void Confirm(string key, System.Collections.Generic.IReadOnlyDictionary<string, string> headers, string? sourceStamp, string? md5) { }
            public void SaveState(System.Threading.CancellationToken cancellation) => throw new IOException("injected: the server answered 500");
        }

        [Theory]
        [InlineData("abc", "abcd", "grew past 3 bytes")]
        [InlineData("abcd", "abc", "ended at 3 bytes, not 4")]
        [InlineData("abc", "abd", "hash to")]
        public void Checked_content_throws_at_the_end_when_the_bytes_are_not_the_ones_recorded(string recorded, string read, string said)
        {
            var put = new StorePut("a.css", new ClaimedBytes(Encoding.UTF8.GetBytes(read), recorded.Length), TestMedia.Md5(recorded),
                new System.Collections.Generic.Dictionary<string, string>());
            _ = put.Md5;   // a store asks for the MD5 before it sends the bytes
            using var stream = put.Content.OpenRead();
            var error = Assert.Throws<SourceChangedException>(() => stream.CopyTo(Stream.Null));
            Assert.Contains(said, error.Message);
        }

        /// <summary>Bytes that claim another length, as a file rewritten since it was found does.</summary>
        private sealed class ClaimedBytes : MediaContent
        {
            private readonly byte[] _bytes;
            private readonly long _claimed;
            public ClaimedBytes(byte[] bytes, long claimed) => (_bytes, _claimed) = (bytes, claimed);
            public override long Length => _claimed;
            public override Stream OpenRead() => new MemoryStream(_bytes, writable: false);
        }
    }
}
