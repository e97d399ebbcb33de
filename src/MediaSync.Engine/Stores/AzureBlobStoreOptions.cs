namespace MediaSync.Stores
{
    /// <summary>
    /// Where an Azure Blob store points and how it signs in: a connection string, a container SAS URL, or an account
    /// URL with the Azure.Identity credential chain (environment, managed identity, Azure CLI, ...).
    /// </summary>
    public sealed class AzureBlobStoreOptions
    {
        public string Container { get; set; } = "";
        /// <summary>A folder inside the container; keys are stored under it.</summary>
        public string Prefix { get; set; } = "";
        /// <summary>https://account.blob.core.windows.net, signed in with the Azure.Identity credential chain.</summary>
        public string? AccountUrl { get; set; }
        /// <summary>A storage connection string; it holds a secret, so it is never shown in output.</summary>
        public string? ConnectionString { get; set; }
        /// <summary>A container URL with a SAS token; the token is never shown in output.</summary>
        public string? SasUrl { get; set; }
        /// <summary>Where the blobs are served from (a CDN, Azure Front Door); null uses the container's URL.</summary>
        public string? PublicBaseUrl { get; set; }
        /// <summary>Creates the container (no public access) before the first publish when it is not there; an existing one is left as it is.</summary>
        public bool Create { get; set; }
        /// <summary>Blobs at least this big go up as staged blocks, several at once (default 16 MiB).</summary>
        public long BlockThreshold { get; set; } = 16L << 20;
        /// <summary>The size of each staged block (default 8 MiB).</summary>
        public long BlockSize { get; set; } = 8L << 20;
        /// <summary>Blocks of one blob in flight at once (default 4).</summary>
        public int BlockConcurrency { get; set; } = 4;
        /// <summary>Retries of one request after a 5xx, a throttle or a reset connection, with exponential backoff (default 5).</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>
        /// How long one request may take before it is abandoned and retried (default 100 s): a server or proxy that
        /// stops answering costs this much per attempt, not forever.
        /// </summary>
        public System.TimeSpan RequestTimeout { get; set; } = System.TimeSpan.FromSeconds(100);
    }
}
