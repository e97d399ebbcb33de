using System;
using System.Collections.Generic;
using System.IO;

namespace MediaSync
{
    /// <summary>Maps file extensions to the Content-Type a web server should send.</summary>
    internal static class ContentTypes
    {
        public const string Default = "application/octet-stream";
        private const string Utf8 = "; charset=utf-8";

        private static readonly Dictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            // documents and code
            [".html"] = "text/html", [".htm"] = "text/html", [".xhtml"] = "application/xhtml+xml",
            [".css"] = "text/css",
            [".js"] = "text/javascript", [".mjs"] = "text/javascript", [".cjs"] = "text/javascript",
            [".json"] = "application/json", [".map"] = "application/json", [".jsonld"] = "application/ld+json",
            [".webmanifest"] = "application/manifest+json",
            [".xml"] = "application/xml", [".rss"] = "application/rss+xml", [".atom"] = "application/atom+xml",
            [".txt"] = "text/plain", [".csv"] = "text/csv", [".md"] = "text/markdown", [".vtt"] = "text/vtt",
            [".ics"] = "text/calendar", [".wasm"] = "application/wasm", [".pdf"] = "application/pdf",
            // images
            [".svg"] = "image/svg+xml", [".png"] = "image/png", [".apng"] = "image/apng",
            [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
            [".webp"] = "image/webp", [".avif"] = "image/avif", [".jxl"] = "image/jxl",
            [".ico"] = "image/x-icon", [".bmp"] = "image/bmp", [".tif"] = "image/tiff", [".tiff"] = "image/tiff",
            [".heic"] = "image/heic",
            // fonts
            [".woff"] = "font/woff", [".woff2"] = "font/woff2", [".ttf"] = "font/ttf", [".otf"] = "font/otf",
            [".eot"] = "application/vnd.ms-fontobject",
            // audio and video
            [".mp4"] = "video/mp4", [".m4v"] = "video/mp4", [".webm"] = "video/webm", [".ogv"] = "video/ogg",
            [".mov"] = "video/quicktime", [".mp3"] = "audio/mpeg", [".m4a"] = "audio/mp4", [".aac"] = "audio/aac",
            [".oga"] = "audio/ogg", [".ogg"] = "audio/ogg", [".opus"] = "audio/opus", [".wav"] = "audio/wav",
            [".flac"] = "audio/flac",
            // archives
            [".zip"] = "application/zip", [".gz"] = "application/gzip", [".tar"] = "application/x-tar",
            [".7z"] = "application/x-7z-compressed",
        };

        /// <summary>The Content-Type for a file name or key, with a UTF-8 charset on text types.</summary>
        public static string ForPath(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            var extension = Path.GetExtension(path);
            if (string.IsNullOrEmpty(extension) || !ByExtension.TryGetValue(extension, out var mediaType))
                return Default;
            return IsText(mediaType) ? mediaType + Utf8 : mediaType;
        }

        /// <summary>True for media types whose bytes are text, which compress well and take a charset.</summary>
        public static bool IsText(string mediaType)
        {
            var bare = mediaType.Split(';')[0].Trim();
            return bare.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                || bare.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
                || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                || bare.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || bare.Equals("application/xml", StringComparison.OrdinalIgnoreCase);
        }
    }
}
