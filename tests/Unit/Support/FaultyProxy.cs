using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MediaSync.Tests.Support
{
    public enum ProxyFault { None, SlowDown, InternalError, Reset, Stall, Slow }

    /// <summary>
    /// An HTTP proxy in front of a real S3 server that answers chosen requests itself: 503 SlowDown, 500, a reset
    /// connection, or no answer at all; or holds them back a little (Slow) so that concurrency shows. Everything else reaches the server byte for byte (one request per upstream
    /// connection, so signatures and 100-continue pass through untouched).
    /// </summary>
    public sealed class FaultyProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Uri _upstream;
        private readonly Func<int, string, string, ProxyFault> _decide;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _count;
        private int _inFlight;
        private int _maxInFlight;

        /// <summary>The most forwarded requests that were in flight at once.</summary>
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        /// <param name="upstream">The real server's endpoint.</param>
        /// <param name="decide">Given the request's number (from 1), method and path with query, what to do with it.</param>
        public FaultyProxy(string upstream, Func<int, string, string, ProxyFault> decide)
        {
            _upstream = new Uri(upstream);
            _decide = decide;
            _listener.Start();
            _ = Task.Run(AcceptLoop);
        }

        public string Endpoint => "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Every request seen, as "METHOD /path?query fault".</summary>
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        /// <summary>Set when a request is being stalled, so a test can press Ctrl+C at that moment.</summary>
        public ManualResetEventSlim Stalling { get; } = new ManualResetEventSlim();

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) when (_stop.IsCancellationRequested) { return; }
                catch (ObjectDisposedException) { return; }
                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                try
                {
                    while (true)
                    {
                        var head = await ReadHead(stream).ConfigureAwait(false);
                        if (head == null) return;
                        var firstLine = head.Substring(0, head.IndexOf("\r\n", StringComparison.Ordinal)).Split(' ');
                        var fault = _decide(Interlocked.Increment(ref _count), firstLine[0], firstLine[1]);
                        Requests.Enqueue($"{firstLine[0]} {firstLine[1]} {fault}");
                        if (fault == ProxyFault.None || fault == ProxyFault.Slow)
                        {
                            var now = Interlocked.Increment(ref _inFlight);
                            for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
                                Interlocked.CompareExchange(ref _maxInFlight, now, max);
                            try
                            {
                                if (fault == ProxyFault.Slow) await Task.Delay(300, _stop.Token).ConfigureAwait(false);
                                await Forward(head, stream).ConfigureAwait(false);
                            }
                            finally { Interlocked.Decrement(ref _inFlight); }
                            return;
                        }
                        if (fault == ProxyFault.Stall)
                        {
                            Stalling.Set();
                            await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                        }
                        var expectsContinue = head.IndexOf("\r\nExpect: 100-continue", StringComparison.OrdinalIgnoreCase) >= 0;
                        if (!expectsContinue) await Discard(stream, ContentLength(head)).ConfigureAwait(false);
                        if (fault == ProxyFault.Reset)
                        {
                            client.Client.LingerState = new LingerOption(true, 0);
                            return;
                        }
                        var (status, code) = fault == ProxyFault.SlowDown ? ("503 Slow Down", "SlowDown") : ("500 Internal Server Error", "InternalError");
                        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>injected by the test proxy</Message></Error>";
                        var response = $"HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"
                            + $"Connection: {(expectsContinue ? "close" : "keep-alive")}\r\n\r\n{body}";
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(response)).ConfigureAwait(false);
                        if (expectsContinue) return;
                    }
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is OperationCanceledException || e is ObjectDisposedException)
                {
                }
            }
        }

        /// <summary>Sends this request, told to close afterwards, to the server, and pipes both ways until it does.</summary>
        private async Task Forward(string head, NetworkStream client)
        {
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_upstream.Host, _upstream.Port).ConfigureAwait(false);
            var server = upstream.GetStream();
            var closing = head.Substring(0, head.Length - 2) + "Connection: close\r\n\r\n";
            closing = System.Text.RegularExpressions.Regex.Replace(closing, "\r\nConnection: keep-alive", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            await server.WriteAsync(Encoding.ASCII.GetBytes(closing)).ConfigureAwait(false);
            _ = client.CopyToAsync(server, _stop.Token);
            await server.CopyToAsync(client, _stop.Token).ConfigureAwait(false);
        }

        private static async Task<string?> ReadHead(NetworkStream stream)
        {
            var bytes = new List<byte>();
            var one = new byte[1];
            while (true)
            {
                if (await stream.ReadAsync(one).ConfigureAwait(false) == 0) return null;
                bytes.Add(one[0]);
                var n = bytes.Count;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n')
                    return Encoding.ASCII.GetString(bytes.ToArray());
            }
        }

        private static long ContentLength(string head)
        {
            var match = System.Text.RegularExpressions.Regex.Match(head, @"\r\nContent-Length:\s*(\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return match.Success ? long.Parse(match.Groups[1].Value) : 0;
        }

        private static async Task Discard(NetworkStream stream, long count)
        {
            var buffer = new byte[81920];
            while (count > 0)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count))).ConfigureAwait(false);
                if (n == 0) return;
                count -= n;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
