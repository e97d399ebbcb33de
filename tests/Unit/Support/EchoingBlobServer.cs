using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace MediaSync.Tests.Support
{
    /// <summary>
    /// A local HTTP server playing an Azure Blob service that refuses, and echoes the request's full URL (the SAS
    /// signature in it too) back in its error body, as some servers and proxies do. A container listing is answered
    /// (empty) when <see cref="ListingWorks"/>, so that the refusal comes at the upload; a blob read is a 404.
    /// </summary>
    public sealed class EchoingBlobServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();

        public EchoingBlobServer(bool listingWorks)
        {
            ListingWorks = listingWorks;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public bool ListingWorks { get; }
        public int Port { get; }

        /// <summary>Every request, as "METHOD url".</summary>
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        /// <summary>A container SAS URL at this server whose signature is <paramref name="signature"/>.</summary>
        public string SasUrl(string container, string signature) =>
            $"http://127.0.0.1:{Port}/devstoreaccount1/{container}?sv=2023-11-03&sr=c&sp=racwdl&se=2099-01-01T00%3A00%3A00Z&sig={signature}";

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
                catch (Exception) { return; }
                var request = context.Request;
                var url = request.Url!.AbsoluteUri;
                Requests.Enqueue(request.HttpMethod + " " + url);
                var listing = request.HttpMethod == "GET" && request.Url.Query.Contains("comp=list");
                var (status, body) = listing && ListingWorks
                    ? (200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults><Prefix /><Blobs /><NextMarker /></EnumerationResults>")
                    : !listing && (request.HttpMethod == "GET" || request.HttpMethod == "HEAD")
                        ? (404, Error("BlobNotFound", $"No blob at {Escape(url)}"))
                        : (403, Error("AuthenticationFailed",
                            $"Server failed to authenticate the request {Escape(url)} (raw {Escape(request.RawUrl!)}, encoded {Escape(Uri.EscapeDataString(url))})"));
                if (status != 200) context.Response.Headers["x-ms-error-code"] = status == 404 ? "BlobNotFound" : "AuthenticationFailed";
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/xml";
                var bytes = Encoding.UTF8.GetBytes(body);
                try
                {
                    await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                    context.Response.Close();
                }
                catch (Exception) { }
            }
        }

        private static string Error(string code, string message) =>
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>";

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;");

        public void Dispose() => _listener.Close();
    }
}
