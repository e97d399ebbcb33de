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
        /// <summary>The page request's Accept-Encoding; null: the original's URL. Ignored when ServeCompressed is off.</summary>
        public string? AcceptEncoding { get; set; }
    }

    /// <summary>What a tag adds besides its URL.</summary>
    internal sealed class TagOptions
    {
        public string? Media { get; set; }
        public Doctype? Doctype { get; set; }
        /// <summary>SRI and crossorigin from the manifest: always the original's digest, as SRI checks the decoded body.</summary>
        public bool Integrity { get; set; }
        /// <summary>type="module" on a script.</summary>
        public bool Module { get; set; }
        /// <summary>A module script and a modulepreload link for each module it imports, transitively (as Vite's backend integration).</summary>
        public bool Preload { get; set; }
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
        /// The logical paths <see cref="Url"/> and Tags know, for tab completion: manifest.json's and the
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
            var fingerprinted = entry != null && !string.Equals(entry.Key, logical, StringComparison.Ordinal);
            if (entry != null && options.AcceptEncoding != null && _settings.ServeCompressed
                && AcceptEncoding.Parse(options.AcceptEncoding).Choose(AcceptEncoding.Preferred.Where(entry.Variants.ContainsKey)) is string coding)
                key = entry.Variants[coding];   // a SameKey twin has the original's key, so the same URL
            var remote = options.Remote || _settings.ServeRemote;
            var url = remote ? _remote.Value(key) : Join(_settings.MediaUrl, key);
            url = Scheme(url, options);
            if (fingerprinted) return url; // the key busts caches
            var buster = _settings.CacheBusterFunction != null ? _settings.CacheBusterFunction(url) : _settings.CacheBuster;
            return string.IsNullOrEmpty(buster) ? url : url + (url.IndexOf('?') >= 0 ? "&" : "?") + buster;
        }

        /// <summary>
        /// The tags for <paramref name="path"/>: a bundle served locally is one tag per member, served remotely one tag.
        /// CssPath and JsPath apply to a bare name. With <paramref name="integrity"/>, SRI and crossorigin come from the manifest.
        /// </summary>
        public IReadOnlyList<string> Tags(string path, UrlOptions options, string? media = null, Doctype? doctype = null, bool integrity = false) =>
            Tags(path, options, new TagOptions { Media = media, Doctype = doctype, Integrity = integrity });

        /// <summary>The same, with every tag option; -Preload adds the modulepreload links after each script.</summary>
        public IReadOnlyList<string> Tags(string path, UrlOptions options, TagOptions tag)
        {
            var key = WithShortcut(MediaKey.Require(path.TrimStart('/')));
            var remote = options.Remote || _settings.ServeRemote;
            var keys = !remote && _bundles.TryGetValue(key, out var members) ? members
                : !remote && _manifest[key]?.Members is IReadOnlyList<string> listed && listed.Count > 0 ? listed
                : new[] { key };
            var doctype = tag.Doctype ?? _settings.Doctype;
            var tags = new List<string>();
            foreach (var k in keys)
            {
                tags.Add(Tag(k, options, tag, doctype));
                if (tag.Preload && IsScript(k))
                    tags.AddRange(ImportGraph(k).Select(i => "<link" + Attributes(new[] { ("rel", "modulepreload"), ("href", Url(i, options)) }.Concat(Sri(i, tag.Integrity))) + Close(doctype)));
            }
            return tags;
        }

        /// <summary>Every module <paramref name="entry"/> imports, transitively, each once, depth first in the manifest's sorted order; a cycle ends where it started.</summary>
        internal IReadOnlyList<string> ImportGraph(string entry)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { entry };
            var order = new List<string>();
            void Visit(string key)
            {
                foreach (var imported in _manifest[key]?.Imports ?? new string[0])
                    if (seen.Add(imported)) { order.Add(imported); Visit(imported); }
            }
            Visit(entry);
            return order;
        }

        private static bool IsScript(string key) => Path.GetExtension(key).ToLowerInvariant() is ".js" or ".mjs";

        private static string Close(Doctype doctype) => doctype == Doctype.Xhtml ? " />" : ">";

        private IEnumerable<(string, string)> Sri(string key, bool integrity) => !integrity ? new (string, string)[0] : new[]
        {
            ("integrity", _manifest[key]?.Integrity ?? throw new MediaSyncException(Errors.IntegrityUnknown(key, _settings.ManifestPath))),
            ("crossorigin", "anonymous"),
        };

        private string Tag(string key, UrlOptions options, TagOptions tag, Doctype doctype)
        {
            var url = Url(key, options);
            var sri = Sri(key, tag.Integrity).ToList();
            var media = tag.Media;
            switch (Path.GetExtension(key).ToLowerInvariant())
            {
                case ".css":
                    var link = new List<(string, string)> { ("rel", "stylesheet"), ("href", url), ("type", "text/css"), ("media", media ?? DefaultCssMedia) };
                    return "<link" + Attributes(link.Concat(sri)) + Close(doctype);
                case ".js":
                case ".mjs":
                    var script = tag.Module || tag.Preload ? new List<(string, string)> { ("type", "module"), ("src", url) }
                        : doctype == Doctype.Html5 ? new List<(string, string)> { ("src", url) }
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
