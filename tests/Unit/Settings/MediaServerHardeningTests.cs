using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using MediaSync.Discovery;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Tests.Support;
using MediaSync.Web;
using Xunit;

namespace MediaSync.Tests.Settings
{
    /// <summary>The development server against what a root can hold besides files, and what the network can refuse it.</summary>
    public sealed class MediaServerHardeningTests : IDisposable
    {
        private readonly TempTree _tree = new TempTree();
        private readonly HttpClient _http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        private MediaServer? _server;

        public MediaServerHardeningTests()
        {
            _tree.Write("site/media/css/site.css", "body{color:red}");
            _tree.Write("site/media/css/reset.css", "*{margin:0}");
        }

        public void Dispose()
        {
            _server?.Dispose();
            _http.Dispose();
            _tree.Dispose();
        }

        private MediaServer Serve(MediaServerOptions? options = null)
        {
            var sources = MediaDiscovery.ResolveSources(new MediaDiscoveryRequest { Roots = { _tree.PathOf("site/media") } },
                new RecordingHost(), new System.Collections.Generic.List<string>());
            var bundles = new[] { new BundleDefinition("css/piped.css", new[] { "css/reset.css", "css/pipe.css" }) };
            options ??= new MediaServerOptions();
            if (options.Port == 8000) options.Port = MediaServerTests.FreePort();
            return _server = MediaServer.Start(new MergedMediaView(sources, bundles, _ => { }), options);
        }

        private Task<HttpResponseMessage> GetAsync(string path) =>
            _http.GetAsync($"http://127.0.0.1:{_server!.Url.Port}{path}", HttpCompletionOption.ResponseHeadersRead);

        private async Task<string> TextAsync(string path) => await (await GetAsync(path)).Content.ReadAsStringAsync();

        private void MakeFifo(string relative)
        {
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", _tree.PathOf(relative)))!;
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        [Fact]
        public async Task A_fifo_is_refused_at_once_and_64_requests_for_it_do_not_starve_a_file()
        {
            if (!OperatingSystem.IsLinux()) return;   // only Linux has FIFOs that .NET reports as empty files
            MakeFifo("site/media/css/pipe.css");
            Serve();
            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/css/pipe.css")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/css/piped.css")).StatusCode);   // a bundle with a FIFO among its members

            var fifos = Enumerable.Range(0, 64).Select(_ => GetAsync("/css/pipe.css")).ToList();
            var file = TextAsync("/css/site.css");
            var all = Task.WhenAll(fifos.Cast<Task>().Append(file));
            Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15))));
            Assert.All(await Task.WhenAll(fifos), f => Assert.Equal(HttpStatusCode.Forbidden, f.StatusCode));
            Assert.Equal("body{color:red}", await file);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        }

        [Fact]
        public async Task A_file_that_cannot_be_read_is_an_error_status_never_an_empty_200()
        {
            Serve();
            // another program holds it exclusively (a lock .NET takes on Linux too, and which root cannot step over as it does file modes)
            using (new FileStream(_tree.PathOf("site/media/css/site.css"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                var locked = await GetAsync("/css/site.css");
                Assert.Equal(HttpStatusCode.InternalServerError, locked.StatusCode);
                Assert.Null(locked.Headers.ETag);
                var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"http://127.0.0.1:{_server!.Url.Port}/css/site.css"));
                Assert.Equal(HttpStatusCode.InternalServerError, head.StatusCode);
            }
            Assert.Equal("body{color:red}", await TextAsync("/css/site.css"));
        }

        [Fact]
        public async Task Every_answer_says_nosniff()
        {
            Serve(new MediaServerOptions { DirectoryListing = true });
            var ok = await GetAsync("/css/site.css");
            var etag = ok.Headers.ETag!.Tag;
            var notModified = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_server!.Url.Port}/css/site.css") { Headers = { { "If-None-Match", etag } } });
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            foreach (var response in new[] { ok, notModified, await GetAsync("/css/"), await GetAsync("/css/none.css"), await GetAsync("/%2e%2e/x") })
                Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }

        [Fact]
        public async Task Six_downloads_of_a_large_file_are_streamed_not_read_whole()
        {
            const long size = 100L * 1024 * 1024;
            using (var big = new FileStream(_tree.PathOf("site/media/big.bin"), FileMode.CreateNew)) big.SetLength(size);   // sparse: no disk used
            Serve();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var downloads = Enumerable.Range(0, 6).Select(async _ =>
            {
                using var response = await GetAsync("/big.bin");
                using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[64 * 1024];
                long total = 0;
                for (int read; (read = await body.ReadAsync(buffer)) > 0;) total += read;
                return total;
            }).ToArray();
            Assert.All(await Task.WhenAll(downloads), total => Assert.Equal(size, total));
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            // reading each whole allocated at least 6 x 100 MB; streaming holds one buffer per download
            Assert.True(allocated < 64L * 1024 * 1024, $"{allocated / (1024 * 1024)} MB allocated for 6 downloads of 100 MB");
        }

        [Fact]
        public async Task Every_address_is_listened_on_for_0_0_0_0()
        {
            Serve(new MediaServerOptions { ListenAddress = "0.0.0.0" });
            Assert.Equal("http://0.0.0.0:" + _server!.Url.Port + "/", _server.Url.AbsoluteUri);
            Assert.Equal("body{color:red}", await TextAsync("/css/site.css"));
        }

        [Fact]
        public void A_port_in_use_on_0_0_0_0_says_it_is_in_use()
        {
            var holder = new TcpListener(IPAddress.Any, 0);
            holder.Start();
            try
            {
                var port = ((IPEndPoint)holder.LocalEndpoint).Port;
                var error = Assert.Throws<MediaSyncException>(() => Serve(new MediaServerOptions { ListenAddress = "0.0.0.0", Port = port })).Error;
                Assert.Equal("MediaSync.ServerFailed", error.Id);
                Assert.Contains($"port {port} is already in use on 0.0.0.0", error.Message);
                Assert.Contains("Stop what is listening there", error.RecommendedAction);
            }
            finally { holder.Stop(); }
        }

        [Fact]
        public void An_address_this_machine_does_not_have_says_so_and_not_to_pick_another_port()
        {
            // 192.0.2.1 is TEST-NET-1, on no machine; binding to it sends nothing anywhere
            var error = Assert.Throws<MediaSyncException>(() => Serve(new MediaServerOptions { ListenAddress = "192.0.2.1" })).Error;
            Assert.Equal("MediaSync.ServerFailed", error.Id);
            Assert.Contains("192.0.2.1 is not an address of this machine", error.Message);
            Assert.DoesNotContain("-Port", error.RecommendedAction);
        }
    }
}
