namespace MediaSync.Stores
{
    /// <summary>Where an S3 store points and how it signs in.</summary>
    public sealed class S3StoreOptions
    {
        public string Bucket { get; set; } = "";
        /// <summary>A folder inside the bucket; keys are stored under it.</summary>
        public string Prefix { get; set; } = "";
        public string Region { get; set; } = "us-east-1";
        /// <summary>An S3-compatible endpoint (Ceph RGW, MinIO, ...); null for AWS.</summary>
        public string? EndpointUrl { get; set; }
        public bool ForcePathStyle { get; set; }
        /// <summary>A profile from the shared credentials files; null uses the SDK's standard chain.</summary>
        public string? ProfileName { get; set; }
        /// <summary>Where the objects are served from (a CDN or a CNAME bucket); null derives it from the endpoint.</summary>
        public string? PublicBaseUrl { get; set; }
        /// <summary>Creates the bucket (private) before the first publish when it is not there; an existing one is left as it is.</summary>
        public bool Create { get; set; }

        /// <summary>Objects at least this big go up in parts, several at once (default 16 MiB; at least 5 MiB, S3's smallest part).</summary>
        public long MultipartThreshold { get; set; } = 16L << 20;

        /// <summary>The size of each part but the last (default 8 MiB; 5 MiB to 5 GiB).</summary>
        public long PartSize { get; set; } = 8L << 20;

        /// <summary>Parts of one object in flight at once (default 4).</summary>
        public int PartConcurrency { get; set; } = 4;

        /// <summary>
        /// Retries of one request after a 5xx, SlowDown, a timeout or a reset connection, with exponential backoff and
        /// jitter (the SDK's standard retry mode; default 5). A request first tried by the lean client is tried once
        /// more than this: its lean attempt, then the SDK's.
        /// </summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>
        /// How long one request may take before it is abandoned and retried (default 100 s): a server or proxy that
        /// stops answering costs this much per attempt, not forever.
        /// </summary>
        public System.TimeSpan RequestTimeout { get; set; } = System.TimeSpan.FromSeconds(100);

        /// <summary>Keys per listing page (S3's largest is 1000); tests make it small to get many pages.</summary>
        internal int ListPageSize { get; set; } = 1000;

        /// <summary>Explicit keys, for tests; everyone else uses the SDK's chain or <see cref="ProfileName"/>.</summary>
        internal string? AccessKey { get; set; }

        internal string? SecretKey { get; set; }
    }
}
