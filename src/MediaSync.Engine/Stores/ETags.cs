namespace MediaSync.Stores
{
    /// <summary>The ETag rule S3 and Swift share: a plainly uploaded object's ETag is the content's MD5; a multipart or large one is not.</summary>
    internal static class ETags
    {
        public static string Bare(string? etag) => (etag ?? "").Trim('"');

        /// <summary>The content MD5 an ETag is, lower-case, or null for a multipart (or missing) ETag.</summary>
        public static string? Md5(string? etag)
        {
            var bare = Bare(etag);
            return bare.Length == 32 && bare.IndexOf('-') < 0 ? bare.ToLowerInvariant() : null;
        }
    }
}
