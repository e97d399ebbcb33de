using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MediaSync.Reporting;

namespace MediaSync.Web
{
    /// <summary>What the development server serves and where it listens.</summary>
    internal sealed class MediaServerOptions
    {
        public int Port { get; set; } = 8000;
        public string ListenAddress { get; set; } = "127.0.0.1";
        public bool DirectoryListing { get; set; }
        /// <summary>
        /// The path of the settings' MediaUrl ("media/" for "/media/"), where keys are also served, so a page rendered
        /// with Get-MediaUrl works against this server; empty serves at the root only.
        /// </summary>
        public string MediaPath { get; set; } = "";

        /// <summary>MediaUrl's path, whether it is a path ("/static/") or a URL ("https://cdn.example/static/").</summary>
        public static string PathOf(string? mediaUrl)
        {
            if (string.IsNullOrEmpty(mediaUrl)) return "";
            var path = Uri.TryCreate(mediaUrl, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
                ? absolute.AbsolutePath : mediaUrl!.Split('?', '#')[0];
            path = path.Trim('/');
            return path.Length == 0 ? "" : path + "/";
        }
    }

    /// <summary>
    /// A development server over the merged media view (project roots first, then apps, as Get-MediaFile resolves
    /// them), on the framework's own HttpListener. Every request is answered from disk, so a changed file is served
    /// fresh; ETag and Last-Modified give 304s. A twin beside the file (x.css.br, x.css.gz) is sent with Content-Encoding
    /// when Accept-Encoding takes it, and text is gzipped on the fly otherwise (<see cref="ServedRepresentation"/>). Nothing outside the sources is ever served: keys with '..', encoded
    /// or not, backslashes, drive letters or empty segments are refused, and a link that leads out of its source is a 404.
    /// </summary>
    internal sealed class MediaServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly MergedMediaView _view;
        private readonly MediaServerOptions _options;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Action<string> _log;
        private Task? _loop;

        private MediaServer(MergedMediaView view, MediaServerOptions options, Action<string> log)
        {
            _view = view;
            _options = options;
            _log = log;
            Url = UrlOf(options);
        }

        private static Uri UrlOf(MediaServerOptions options) =>
            new Uri($"http://{(options.ListenAddress.Contains(":") ? "[" + options.ListenAddress + "]" : options.ListenAddress)}:{options.Port}/");

        public Uri Url { get; }

        /// <summary>
        /// Starts a server over the media the settings name (their roots, apps and bundles), as Get-MediaFile would find
        /// it; a root or app that is missing is one error through <paramref name="host"/>.
        /// </summary>
        public static MediaServer Start(Settings.MediaSyncSettings settings, MediaServerOptions options, IEngineHost host, Action<string>? log = null)
        {
            var sources = Discovery.MediaDiscovery.ResolveSources(new Discovery.MediaDiscoveryRequest
            {
                Roots = settings.Roots, Apps = settings.Apps, MediaDirectoryName = settings.MediaDirectoryName,
            }, host, new List<string>());
            var bundles = settings.ResolveBundles();
            if (options.MediaPath.Length == 0) options.MediaPath = MediaServerOptions.PathOf(settings.MediaUrl);
            var server = Start(new MergedMediaView(sources, bundles, log ?? (_ => { })), options, log);
            server.Info = new MediaServerInfo(server.Url, sources.Select(s => s.Folder).ToList(), bundles.Select(b => b.Name).ToList());
            return server;
        }

        /// <summary>What the server serves, as Start-MediaServer returns it.</summary>
        public MediaServerInfo? Info { get; private set; }

        /// <summary>
        /// Starts listening; throws <see cref="MediaSyncException"/> (ServerFailed) when the address cannot be had.
        /// <paramref name="log"/> gets one line per request ("GET /css/site.css 200"), from the thread that served it.
        /// </summary>
        public static MediaServer Start(MergedMediaView view, MediaServerOptions options, Action<string>? log = null)
        {
            var server = new MediaServer(view, options, log ?? (_ => { }));
            server._listener.Prefixes.Add(Prefix(options));
            try { server._listener.Start(); }
            catch (Exception e) when (e is HttpListenerException || e is InvalidOperationException || e is System.Net.Sockets.SocketException)
            {
                server._listener.Close();
                var (reason, action) = BindProblem(e, options);
                throw new MediaSyncException(Errors.ServerFailed(server.Url.AbsoluteUri, reason, action, e));
            }
            server._loop = Task.Run(server.Accept);
            return server;
        }

        /// <summary>
        /// HttpListener refuses 0.0.0.0 and :: as hosts ("The request is not supported"), so every address is its
        /// wildcard, which listens on all of them.
        /// </summary>
        private static string Prefix(MediaServerOptions options) =>
            options.ListenAddress == "0.0.0.0" || options.ListenAddress == "::"
                ? $"http://+:{options.Port}/"
                : UrlOf(options).AbsoluteUri;

        /// <summary>Why the address was refused, from the socket's error (Linux, macOS and Windows codes), and what to do.</summary>
        internal static (string Reason, string Action) BindProblem(Exception e, MediaServerOptions options)
        {
            var code = e is HttpListenerException listener ? listener.ErrorCode : e is System.Net.Sockets.SocketException socket ? (int)socket.SocketErrorCode : 0;
            switch (code)
            {
                case 98: case 48: case 183: case 32: case 10048:   // EADDRINUSE (Linux, macOS), http.sys conflicts, WSAEADDRINUSE
                    return ($"port {options.Port} is already in use on {options.ListenAddress}",
                        "Stop what is listening there (ss -ltnp or netstat -ano shows it), or choose another -Port.");
                case 99: case 49: case 10049:   // EADDRNOTAVAIL, WSAEADDRNOTAVAIL
                    return ($"{options.ListenAddress} is not an address of this machine",
                        "Give -ListenAddress an address this machine has (127.0.0.1, or 0.0.0.0 for every address).");
                case 13: case 5: case 10013:   // EACCES, ERROR_ACCESS_DENIED (http.sys wants a URL reservation), WSAEACCES
                    return ("permission was denied",
                        options.Port < 1024 ? "Ports below 1024 need root or CAP_NET_BIND_SERVICE: choose a -Port of 1024 or above."
                            : "On Windows, reserve the URL once as administrator (netsh http add urlacl url=http://+:" + options.Port + "/ user=%USERNAME%), or listen on 127.0.0.1.");
                default:
                    return ("the address was refused", "Check -ListenAddress and -Port.");
            }
        }

        private async Task Accept()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
                catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening) { return; }
                catch (HttpListenerException) { continue; }
                _ = Task.Run(() => Answer(context));
            }
        }

        private void Answer(HttpListenerContext context)
        {
            var request = context.Request;
            var response = context.Response;
            response.Headers["X-Content-Type-Options"] = "nosniff";   // a browser runs nothing as a type the server did not name
            try
            {
                var status = Serve(request, response);
                _log($"{request.HttpMethod} {request.RawUrl} {status}");
            }
            catch (Exception e) when (e is IOException || e is HttpListenerException || e is UnauthorizedAccessException || e is ObjectDisposedException)
            {
                // the status line is gone already: a cut connection, never a short body that looks whole
                _log($"{request.HttpMethod} {request.RawUrl} failed: {e.Message}");
                try { response.Abort(); } catch (ObjectDisposedException) { }
            }
            finally
            {
                try { response.Close(); } catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException) { }
            }
        }

        /// <summary>A key under the MediaUrl path is the media key after it (when there is one); any other is served from the root.</summary>
        private ServedFile? FindUnderMediaPath(ref string key)
        {
            var prefix = _options.MediaPath;
            if (prefix.Length > 0 && key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                var inner = key.Substring(prefix.Length);
                var found = _view.Find(inner);
                if (found != null)
                {
                    key = inner;
                    return found;
                }
            }
            return _view.Find(key);
        }

        private int Serve(HttpListenerRequest request, HttpListenerResponse response)
        {
            if (request.HttpMethod != "GET" && request.HttpMethod != "HEAD") return Status(response, 405, "Only GET and HEAD.");
            var key = MergedMediaView.KeyOf(request.RawUrl ?? "/");
            if (key == null) return Status(response, 400, "Not a media path.");
            ServedFile? found;
            try { found = FindUnderMediaPath(ref key); }
            catch (NotAFileException e)
            {
                _log(e.Message);
                return Status(response, 403, "Not a regular file: " + key);
            }
            if (found == null)
            {
                var listing = _options.DirectoryListing ? _view.List(key) : null;
                return listing != null ? Listing(response, key, listing, request.HttpMethod == "HEAD") : Status(response, 404, "Not found: " + key);
            }
            var served = ServedRepresentation.Choose(_view.Find, key, found, request.Headers["Accept-Encoding"]);
            var etag = served.ETag;
            var since = request.Headers["If-Modified-Since"];
            if (request.Headers["If-None-Match"] is string match ? match.Split(',').Any(m => m.Trim() == etag || m.Trim() == "*")
                : since != null && DateTime.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                  && TruncateToSeconds(served.Body.LastWriteTimeUtc) <= date)
            {
                Validators(response, served, etag);
                response.StatusCode = 304;
                return 304;
            }
            Stream content;
            try { content = served.Open(); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // opened before any header is sent, so a file that cannot be read is an error status, never an empty 200
                _log($"Could not read '{key}': {e.Message}");
                return e is FileNotFoundException || e is DirectoryNotFoundException ? Status(response, 404, "Not found: " + key)
                    : e is UnauthorizedAccessException ? Status(response, 403, "Not readable: " + key)
                    : Status(response, 500, "Could not read: " + key);
            }
            using (content)
            {
                // Range is not read, for any body: a 200 with the whole representation is always a correct answer to it
                Validators(response, served, etag);
                if (served.Encoding != null) response.Headers["Content-Encoding"] = served.Encoding;
                response.ContentLength64 = content.Length;
                if (request.HttpMethod == "GET") content.CopyTo(response.OutputStream, CopyBuffer);
            }
            return 200;
        }

        private const int CopyBuffer = 64 * 1024;   // what one download holds in memory, whatever the file's size

        private static void Validators(HttpListenerResponse response, ServedRepresentation served, string etag)
        {
            response.Headers["ETag"] = etag;
            response.Headers["Last-Modified"] = served.Body.LastWriteTimeUtc.ToString("R", CultureInfo.InvariantCulture);
            response.Headers["Cache-Control"] = "no-cache";
            if (served.Negotiable) response.Headers["Vary"] = "Accept-Encoding";
            response.ContentType = served.Original.ContentType;
        }

        private static DateTime TruncateToSeconds(DateTime time) => new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

        private static int Listing(HttpListenerResponse response, string key, IReadOnlyList<string> entries, bool head)
        {
            var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>/").Append(WebUtility.HtmlEncode(key)).Append("</title></head><body><ul>\n");
            foreach (var entry in entries)
                html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(Uri.EscapeDataString(entry.TrimEnd('/')) + (entry.EndsWith("/") ? "/" : "")))
                    .Append("\">").Append(WebUtility.HtmlEncode(entry)).Append("</a></li>\n");
            html.Append("</ul></body></html>\n");
            var bytes = Encoding.UTF8.GetBytes(html.ToString());
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength64 = bytes.Length;
            if (!head) response.OutputStream.Write(bytes, 0, bytes.Length);
            return 200;
        }

        private static int Status(HttpListenerResponse response, int status, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text + "\n");
            response.StatusCode = status;
            response.ContentType = "text/plain; charset=utf-8";
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes, 0, bytes.Length);
            return status;
        }

        /// <summary>Stops listening and waits for the accept loop to end.</summary>
        public void Dispose()
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            // the managed listener may re-bind its port to unregister, and fail when the port is gone to another process
            try { _listener.Stop(); _listener.Close(); } catch (Exception e) when (e is ObjectDisposedException || e is HttpListenerException) { }
            try { _loop?.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            _stop.Dispose();
        }
    }

    /// <summary>A running development server: its URL, the folders it serves in precedence order, and its bundles.</summary>
    public sealed class MediaServerInfo
    {
        internal MediaServerInfo(Uri url, IReadOnlyList<string> sources, IReadOnlyList<string> bundles)
        {
            Url = url;
            Sources = sources;
            Bundles = bundles;
        }

        public Uri Url { get; }
        public IReadOnlyList<string> Sources { get; }
        public IReadOnlyList<string> Bundles { get; }

        public override string ToString() => Url.AbsoluteUri;
    }
}
