using System;
using System.Collections.Generic;
using System.Linq;
using MediaSync.Processing;

namespace MediaSync.Settings
{
    /// <summary>
    /// Everything Sync-Media, Get-MediaUrl, Get-MediaTag and Start-MediaServer need, from mediasync.json or a
    /// hashtable: where the media is, how it is processed, where it is published, and how its URLs are made. It holds
    /// no secrets: credentials come from the SDK's chain, a profile or the environment. Paths are absolute once read
    /// (relative ones are taken from the settings file's folder, or the current folder for a hashtable).
    /// </summary>
    public sealed class MediaSyncSettings
    {
        /// <summary>The file the settings came from, or null (a hashtable, or the defaults).</summary>
        public string? SourcePath { get; set; }

        /// <summary>The folder relative paths were taken from: the settings file's, or the current one.</summary>
        public string BaseFolder { get; set; } = System.IO.Directory.GetCurrentDirectory();

        /// <summary>The folder a Folder store publishes to: Store.Path, or out/public under <see cref="BaseFolder"/>.</summary>
        public string FolderDestination => Store.Path ?? System.IO.Path.Combine(BaseFolder, "out", "public");

        /// <summary>Where manifest.json is written: <see cref="Manifest"/>, else in a folder destination, else out/manifest.json.</summary>
        public string ManifestPath => Manifest
            ?? (Store.Type == "Folder" ? System.IO.Path.Combine(FolderDestination, "manifest.json") : System.IO.Path.Combine(BaseFolder, "out", "manifest.json"));

        // ---- discovery ----
        public List<string> Roots { get; set; } = new List<string>();
        public List<string> Apps { get; set; } = new List<string>();
        public string MediaDirectoryName { get; set; } = "media";
        public List<string> Include { get; set; } = new List<string>();
        public List<string> Exclude { get; set; } = new List<string>();
        /// <summary>Follow links that lead outside their root too (without it they are skipped with a warning).</summary>
        public bool FollowLinks { get; set; }

        // ---- processing ----
        /// <summary>Built-in processors by name, in order (Minify).</summary>
        public List<string> Processors { get; set; } = new List<string>();
        public MinifierChoice Minifier { get; set; } = MinifierChoice.Auto;
        /// <summary>Minify writes a source map beside each file it minifies (Invoke-MediaProcessor -SourceMap).</summary>
        public bool SourceMap { get; set; }

        /// <summary>The ancestor's JOINED: bundle key to member keys, in order.</summary>
        public Dictionary<string, List<string>> Bundles { get; set; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        public string? CssPath { get; set; }
        public string? JsPath { get; set; }

        /// <summary>Add gzip/brotli variants next to the originals.</summary>
        public bool Compress { get; set; }
        /// <summary>Which variants; empty means every encoding this build supports.</summary>
        public List<string> Encodings { get; set; } = new List<string>();
        public VariantNaming VariantNaming { get; set; } = VariantNaming.Suffix;

        /// <summary>Cache minified output and compressed twins (on by default; $false computes everything every run).</summary>
        public bool Cache { get; set; } = true;
        /// <summary>The processing cache's folder; null is out/cache under <see cref="BaseFolder"/>.</summary>
        public string? CachePath { get; set; }
        /// <summary>The cache this run uses, or null when <see cref="Cache"/> is off.</summary>
        public MediaSync.Processing.Cache.ProcessingCache? OpenCache() =>
            Cache ? new MediaSync.Processing.Cache.ProcessingCache(CachePath ?? System.IO.Path.Combine(BaseFolder, MediaSync.Processing.Cache.ProcessingCache.DefaultFolder)) : null;

        /// <summary>Put each file's content hash in its key (cache busting that never needs a query string).</summary>
        public bool Fingerprint { get; set; }

        /// <summary>Where manifest.json is written locally (and it is published as manifest.json); null means beside a folder destination, or ./out/manifest.json.</summary>
        public string? Manifest { get; set; }

        // ---- publishing ----
        public StoreSettings Store { get; set; } = new StoreSettings();
        /// <summary>Ordered glob to headers, for stores that keep headers.</summary>
        public List<KeyValuePair<string, Dictionary<string, string>>> HeaderRules { get; set; } = new List<KeyValuePair<string, Dictionary<string, string>>>();
        public int? ExpirationDays { get; set; }
        public bool Delete { get; set; }
        public int? MaxDelete { get; set; }
        public int? MaxDeletePercent { get; set; }
        public int? ThrottleLimit { get; set; }
        public bool Checksum { get; set; }

        // ---- URLs and tags ----
        /// <summary>Where media is served from while developing: a path (/media/) or a URL.</summary>
        public string MediaUrl { get; set; } = "/media/";
        /// <summary>Render the store's public URLs instead of <see cref="MediaUrl"/>.</summary>
        public bool ServeRemote { get; set; }
        /// <summary>A CNAME or CDN base URL for remote URLs, instead of the store's own.</summary>
        public string? PublicBaseUrl { get; set; }
        /// <summary>Always https.</summary>
        public bool UseSsl { get; set; }
        /// <summary>With an Accept-Encoding given, URLs name the manifest's .br or .gz twin the client accepts; off: always the original's.</summary>
        public bool ServeCompressed { get; set; } = true;
        /// <summary>A fixed cache-buster value, added as ?v=…; or see <see cref="CacheBusterFunction"/>.</summary>
        public string? CacheBuster { get; set; }
        /// <summary>A function of the URL giving the cache buster, as the ancestor's callable was (a scriptblock in PowerShell).</summary>
        public Func<string, string>? CacheBusterFunction { get; set; }
        public Doctype Doctype { get; set; } = Doctype.Html5;

        // ---- development server ----
        public int ServerPort { get; set; } = 8000;
        public string ListenAddress { get; set; } = "127.0.0.1";

        /// <summary>The bundles, checked, with CssPath and JsPath applied to their members.</summary>
        internal IReadOnlyList<BundleDefinition> ResolveBundles() => MediaBundler.Resolve(new BundleRequest
        {
            Bundles = Bundles.Select(b => new BundleDefinition(b.Key, b.Value)).ToList(), CssPath = CssPath, JsPath = JsPath,
        });

        public MediaSyncSettings Clone()
        {
            var copy = (MediaSyncSettings)MemberwiseClone();
            copy.Roots = new List<string>(Roots);
            copy.Apps = new List<string>(Apps);
            copy.Include = new List<string>(Include);
            copy.Exclude = new List<string>(Exclude);
            copy.Processors = new List<string>(Processors);
            copy.Encodings = new List<string>(Encodings);
            copy.Bundles = new Dictionary<string, List<string>>(Bundles, StringComparer.Ordinal);
            copy.HeaderRules = new List<KeyValuePair<string, Dictionary<string, string>>>(HeaderRules);
            copy.Store = Store.Clone();
            return copy;
        }

        public override string ToString() => SourcePath ?? "MediaSync settings";
    }

    /// <summary>The store to publish to, as a type and its options: Folder (the default), S3, AzureBlob or Swift.</summary>
    public sealed class StoreSettings
    {
        public string Type { get; set; } = "Folder";

        // Folder
        /// <summary>The folder; null means ./out/public.</summary>
        public string? Path { get; set; }
        public Publishing.PublishMode Mode { get; set; } = Publishing.PublishMode.Copy;
        public Publishing.OverwriteStrategy? Overwrite { get; set; }
        public Publishing.LinkFallback? Fallback { get; set; }

        // S3
        public string? Bucket { get; set; }
        public string? Prefix { get; set; }
        public string? Region { get; set; }
        public string? EndpointUrl { get; set; }
        public bool ForcePathStyle { get; set; }
        public string? ProfileName { get; set; }
        public string? PublicBaseUrl { get; set; }
        /// <summary>S3 and AzureBlob: create the bucket or container (private) when it is not there.</summary>
        public bool Create { get; set; }

        // AzureBlob (and Prefix, PublicBaseUrl)
        public string? Container { get; set; }
        /// <summary>https://account.blob.core.windows.net, signed in with the Azure.Identity chain; without it, AZURE_STORAGE_CONNECTION_STRING.</summary>
        public string? AccountUrl { get; set; }

        // Swift (and Container, Prefix, PublicBaseUrl)
        /// <summary>v1 (…/auth/1.0) or Keystone v3 (…/v3); without it, OS_AUTH_URL or ST_AUTH. Credentials come from the environment.</summary>
        public string? AuthUrl { get; set; }

        public StoreSettings Clone() => (StoreSettings)MemberwiseClone();

        public override string ToString() => Type == "Folder" ? $"Folder {Path}" : $"{Type} {Bucket ?? Container}/{Prefix}";
    }

    /// <summary>How link and script tags are written, as the ancestor's three doctypes did.</summary>
    public enum Doctype { Html4, Html5, Xhtml }
}
