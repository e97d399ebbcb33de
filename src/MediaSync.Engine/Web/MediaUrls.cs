using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MediaSync.Processing;
using MediaSync.Reporting;
using MediaSync.Settings;
using MediaSync.Stores;

namespace MediaSync.Web
{
    /// <summary>How one URL or tag is asked for.</summary>
    internal sealed class UrlOptions
    {
        /// <summary>The store's public URL instead of the local one (or the ServeRemote setting).</summary>
        public bool Remote { get; set; }
        /// <summary>Always https (or the UseSsl setting).</summary>
        public bool UseSsl { get; set; }
        /// <summary>Whether the page's request came over https; null makes absolute URLs protocol-relative.</summary>
        public bool? RequestIsSecure { get; set; }
    }

    /// <summary>
    /// Media URLs and HTML tags for templates, from manifest.json and the settings only, as the ancestor rendered them:
    /// the local URL (MediaUrl) or the store's public one (ServeRemote, PublicBaseUrl for a CNAME or CDN), https when
    /// asked, protocol-relative otherwise, and a cache buster unless the manifest gives a fingerprinted key.
    /// </summary>
    internal sealed class MediaUrls
    {
        private const string DefaultCssMedia = "screen, projection";
        private readonly MediaSyncSettings _settings;
        private readonly ManifestIndex _manifest;
        private readonly Lazy<Func<string, string>> _remote;
        private readonly Dictionary<string, IReadOnlyList<string>> _bundles;

        public MediaUrls(MediaSyncSettings settings, Func<IMediaStore?>? openStore = null)
        {
            _settings = settings;
            _manifest = ManifestIndex.Load(settings.ManifestPath);
            _remote = new Lazy<Func<string, string>>(() => RemoteBase(openStore ?? (() => StoreReader.Open(settings.Store))));
            _bundles = settings.ResolveBundles().ToDictionary(b => b.Name, b => b.Members, StringComparer.Ordinal);
        }

        /// <summary>
        /// The logical paths <see cref="Url"/> and <see cref="Tags"/> know, for tab completion: manifest.json's and the
        /// bundles the settings define; for tags, only stylesheets and scripts. Compared as the manifest is, by ordinal.
        /// </summary>
        public IEnumerable<string> KnownPaths(bool tags)
        {
            var known = _manifest.LogicalPaths.Concat(_bundles.Keys);
            return tags ? known.Where(key => Path.GetExtension(key).ToLowerInvariant() is ".css" or ".js" or ".mjs") : known;
        }

        public string Url(string path, UrlOptions options)
        {
            var logical = MediaKey.Require(path.TrimStart('/'));
            var entry = _manifest[logical];
            var key = entry?.Key ?? logical;
            var remote = options.Remote || _settings.ServeRemote;
            var url = remote ? _remote.Value(key) : Join(_settings.MediaUrl, key);
            url = Scheme(url, options);
            if (entry != null && !string.Equals(entry.Key, logical, StringComparison.Ordinal)) return url; // fingerprinted: the key busts caches
            var buster = _settings.CacheBusterFunction != null ? _settings.CacheBusterFunction(url) : _settings.CacheBuster;
            return string.IsNullOrEmpty(buster) ? url : url + (url.IndexOf('?') >= 0 ? "&" : "?") + buster;
        }

        /// <summary>
        /// The tags for <paramref name="path"/>: a bundle served locally is one tag per member, served remotely one tag.
        /// CssPath and JsPath apply to a bare name. With <paramref name="integrity"/>, SRI and crossorigin come from the manifest.
        /// </summary>
        public IReadOnlyList<string> Tags(string path, UrlOptions options, string? media = null, Doctype? doctype = null, bool integrity = false)
        {
            var key = WithShortcut(MediaKey.Require(path.TrimStart('/')));
            var remote = options.Remote || _settings.ServeRemote;
            var keys = !remote && _bundles.TryGetValue(key, out var members) ? members
                : !remote && _manifest[key]?.Members is IReadOnlyList<string> listed && listed.Count > 0 ? listed
                : new[] { key };
            return keys.Select(k => Tag(k, options, media, doctype ?? _settings.Doctype, integrity)).ToList();
        }

        private string Tag(string key, UrlOptions options, string? media, Doctype doctype, bool integrity)
        {
            var url = Url(key, options);
            var sri = new List<(string, string)>();
            if (integrity)
            {
                sri.Add(("integrity", _manifest[key]?.Integrity ?? throw new MediaSyncException(Errors.IntegrityUnknown(key, _settings.ManifestPath))));
                sri.Add(("crossorigin", "anonymous"));
            }
            switch (Path.GetExtension(key).ToLowerInvariant())
            {
                case ".css":
                    var link = new List<(string, string)> { ("rel", "stylesheet"), ("href", url), ("type", "text/css"), ("media", media ?? DefaultCssMedia) };
                    return "<link" + Attributes(link.Concat(sri)) + (doctype == Doctype.Xhtml ? " />" : ">");
                case ".js":
                case ".mjs":
                    var script = doctype == Doctype.Html5 ? new List<(string, string)> { ("src", url) }
                        : new List<(string, string)> { ("type", "text/javascript"), ("charset", "utf-8"), ("src", url) };
                    return "<script" + Attributes(script.Concat(sri)) + "></script>";
                default:
                    throw new MediaSyncException(Errors.NoTagForKind(key));
            }
        }

        /// <summary>Every attribute of every tag is written here, each value escaped, so no value can end its attribute or tag.</summary>
        private static string Attributes(IEnumerable<(string Name, string Value)> attributes) =>
            string.Concat(attributes.Select(a => " " + a.Name + "=\"" + EscapeAttribute(a.Value) + "\""));

        private static string EscapeAttribute(string text) =>
            text.Replace("&", "&amp;").Replace("\"", "&quot;").Replace("'", "&#39;").Replace("<", "&lt;").Replace(">", "&gt;");

        private string WithShortcut(string key)
        {
            if (key.IndexOf('/') >= 0) return key;
            var extension = Path.GetExtension(key).ToLowerInvariant();
            var folder = extension == ".css" ? _settings.CssPath : extension == ".js" || extension == ".mjs" ? _settings.JsPath : null;
            return string.IsNullOrEmpty(folder) ? key : folder!.Trim('/') + "/" + key;
        }

        private Func<string, string> RemoteBase(Func<IMediaStore?> openStore)
        {
            var baseUrl = _settings.PublicBaseUrl ?? _settings.Store.PublicBaseUrl;
            if (baseUrl != null) return key => Join(baseUrl, key);
            if (openStore() is IPublicUrlStore urls) return key => urls.UrlFor(key).AbsoluteUri;
            throw new MediaSyncException(Errors.NoPublicUrl(_settings.Store.ToString()));
        }

        private static string Join(string baseUrl, string key) =>
            baseUrl.TrimEnd('/') + "/" + MediaKey.ToUrlPath(key);

        private string Scheme(string url, UrlOptions options)
        {
            var separator = url.IndexOf("://", StringComparison.Ordinal);
            if (separator < 0 && !url.StartsWith("//", StringComparison.Ordinal)) return url; // a path on the page's own host
            var rest = separator >= 0 ? url.Substring(separator + 1) : url;
            if (options.UseSsl || _settings.UseSsl) return "https:" + rest;
            if (options.RequestIsSecure is bool secure) return (secure ? "https:" : "http:") + rest;
            return rest;
        }
    }
}
