using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Stores
{
    /// <summary>Where a Swift store points and how it signs in: v1 auth (user and key) or Keystone v3 (the OS_* variables).</summary>
    public sealed class SwiftStoreOptions
    {
        /// <summary>v1: http://host/auth/1.0; Keystone: https://keystone/v3. Default: OS_AUTH_URL, else ST_AUTH.</summary>
        public string? AuthUrl { get; set; }
        public string Container { get; set; } = "";
        /// <summary>A folder inside the container; keys are stored under it.</summary>
        public string Prefix { get; set; } = "";
        /// <summary>v1 user (account:user) or Keystone user name. Default: OS_USERNAME, else ST_USER.</summary>
        public string? UserName { get; set; }
        /// <summary>v1 key or Keystone password; never shown in output. Default: OS_PASSWORD, else ST_KEY.</summary>
        public string? Password { get; set; }
        /// <summary>Keystone only. Defaults: OS_PROJECT_NAME, OS_USER_DOMAIN_NAME / OS_PROJECT_DOMAIN_NAME ("Default"), OS_REGION_NAME.</summary>
        public string? ProjectName { get; set; }
        public string? UserDomainName { get; set; }
        public string? ProjectDomainName { get; set; }
        public string? Region { get; set; }
        /// <summary>Where the objects are served from (a CDN); null uses the container's URL.</summary>
        public string? PublicBaseUrl { get; set; }
        /// <summary>Objects at least this big go up as static large objects, in segments (default 16 MiB).</summary>
        public long SegmentThreshold { get; set; } = 16L << 20;
        public long SegmentSize { get; set; } = 8L << 20;
        public int MaxRetries { get; set; } = 5;

        /// <summary>
        /// How long one request may take before it is abandoned and retried (default 100 s): a server or proxy that
        /// stops answering costs this much per attempt, not forever.
        /// </summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
    }

    /// <summary>A Swift failure with its HTTP status, as a store error names it.</summary>
    internal sealed class SwiftException : Exception
    {
        public SwiftException(HttpStatusCode status, string message) : base(message) => Status = status;
        public HttpStatusCode Status { get; }
    }

    /// <summary>
    /// The Swift REST API over HttpClient (there is no maintained .NET Swift client): sign-in by v1 auth or Keystone
    /// v3, a token renewed once when it expires, and retries with backoff after 5xx answers and dropped connections.
    /// </summary>
    internal sealed class SwiftClient : IDisposable
    {
        private readonly SwiftStoreOptions _options;
        private readonly HttpClient _http;
        private readonly object _gate = new object();
        private string? _token;
        private string? _storageUrl;

        static SwiftClient() => Errors.ServiceErrorDescribers.Add(e => e is SwiftException s ? $"{s.Message} (HTTP {(int)s.Status})" : null);

        public SwiftClient(SwiftStoreOptions options)
        {
            _options = options;
            _http = new HttpClient { Timeout = options.RequestTimeout };
            options.AuthUrl ??= Environment.GetEnvironmentVariable("OS_AUTH_URL") ?? Environment.GetEnvironmentVariable("ST_AUTH");
            options.UserName ??= Environment.GetEnvironmentVariable("OS_USERNAME") ?? Environment.GetEnvironmentVariable("ST_USER");
            options.Password ??= Environment.GetEnvironmentVariable("OS_PASSWORD") ?? Environment.GetEnvironmentVariable("ST_KEY");
            options.ProjectName ??= Environment.GetEnvironmentVariable("OS_PROJECT_NAME");
            options.UserDomainName ??= Environment.GetEnvironmentVariable("OS_USER_DOMAIN_NAME") ?? "Default";
            options.ProjectDomainName ??= Environment.GetEnvironmentVariable("OS_PROJECT_DOMAIN_NAME") ?? "Default";
            options.Region ??= Environment.GetEnvironmentVariable("OS_REGION_NAME");
            if (string.IsNullOrEmpty(options.AuthUrl) || string.IsNullOrEmpty(options.UserName) || string.IsNullOrEmpty(options.Password))
                throw new MediaSyncException(Errors.ConflictingArguments("A Swift store needs an auth URL, a user and a key or password (or OS_AUTH_URL, OS_USERNAME and OS_PASSWORD)."));
        }

        private bool Keystone => _options.AuthUrl!.TrimEnd('/').EndsWith("/v3", StringComparison.OrdinalIgnoreCase);

        /// <summary>The account's storage URL (http://host/swift/v1, .../AUTH_project), signing in first if need be.</summary>
        public string StorageUrl(CancellationToken cancellation)
        {
            lock (_gate) { if (_storageUrl != null) return _storageUrl; }
            SignIn(cancellation);
            lock (_gate) return _storageUrl!;
        }

        private void SignIn(CancellationToken cancellation)
        {
            using var request = Keystone ? KeystoneRequest() : new HttpRequestMessage(HttpMethod.Get, _options.AuthUrl);
            if (!Keystone)
            {
                request.Headers.Add("X-Auth-User", _options.UserName);
                request.Headers.Add("X-Auth-Key", _options.Password);
            }
            using var response = _http.SendAsync(request, cancellation).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode) throw new SwiftException(response.StatusCode, "Swift refused to sign in");
            string token, storage;
            if (Keystone)
            {
                token = response.Headers.GetValues("X-Subject-Token").First();
                using var body = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                storage = body.RootElement.GetProperty("token").GetProperty("catalog").EnumerateArray()
                    .Where(s => s.GetProperty("type").GetString() == "object-store")
                    .SelectMany(s => s.GetProperty("endpoints").EnumerateArray())
                    .Where(e => e.GetProperty("interface").GetString() == "public"
                        && (_options.Region == null || (e.TryGetProperty("region", out var region) && region.GetString() == _options.Region)))
                    .Select(e => e.GetProperty("url").GetString()).FirstOrDefault()
                    ?? throw new SwiftException(HttpStatusCode.NotFound, "Keystone's catalog has no public object-store endpoint" + (_options.Region != null ? " in " + _options.Region : ""));
            }
            else
            {
                token = response.Headers.GetValues("X-Auth-Token").First();
                storage = response.Headers.GetValues("X-Storage-Url").First();
            }
            lock (_gate)
            {
                _token = token;
                _storageUrl = storage.TrimEnd('/');
            }
        }

        private HttpRequestMessage KeystoneRequest()
        {
            var body = JsonSerializer.Serialize(new
            {
                auth = new
                {
                    identity = new { methods = new[] { "password" }, password = new { user = new { name = _options.UserName, domain = new { name = _options.UserDomainName }, password = _options.Password } } },
                    scope = new { project = new { name = _options.ProjectName, domain = new { name = _options.ProjectDomainName } } },
                },
            });
            return new HttpRequestMessage(HttpMethod.Post, _options.AuthUrl!.TrimEnd('/') + "/auth/tokens") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        /// <summary>
        /// Sends the request <paramref name="make"/> builds (for <paramref name="path"/>, relative to the storage URL),
        /// signing in again once on 401 and retrying 5xx and dropped connections; a status not in <paramref name="accept"/>
        /// (and not 2xx) is a <see cref="SwiftException"/>. The caller disposes the response.
        /// </summary>
        public HttpResponseMessage Send(string path, Func<string, HttpRequestMessage> make, CancellationToken cancellation, params HttpStatusCode[] accept)
        {
            var signedInAgain = false;
            for (var attempt = 0; ; attempt++)
            {
                var url = StorageUrl(cancellation) + path;
                var request = make(url);
                string? token;
                lock (_gate) token = _token;
                request.Headers.Add("X-Auth-Token", token);
                HttpResponseMessage response;
                try { response = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).GetAwaiter().GetResult(); }
                catch (HttpRequestException) when (attempt < _options.MaxRetries) { request.Dispose(); Backoff(attempt, cancellation); continue; }
                finally { request.Content?.Dispose(); }   // the body is sent; a content stream is a file handle
                if (response.IsSuccessStatusCode || accept.Contains(response.StatusCode)) return response;
                var status = response.StatusCode;
                var said = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                response.Dispose();
                if (status == HttpStatusCode.Unauthorized && !signedInAgain)
                {
                    signedInAgain = true;
                    SignIn(cancellation);
                    continue;
                }
                if ((int)status >= 500 && attempt < _options.MaxRetries) { Backoff(attempt, cancellation); continue; }
                throw new SwiftException(status, string.IsNullOrWhiteSpace(said) ? "Swift refused " + request.Method : said.Trim().Split('\n')[0]);
            }
        }

        private static void Backoff(int attempt, CancellationToken cancellation) =>
            cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, attempt))));

        public void Dispose() => _http.Dispose();
    }
}
