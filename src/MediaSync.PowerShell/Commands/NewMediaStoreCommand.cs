using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Stores;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a store to publish to: an S3 bucket (or prefix), an Azure Blob or Swift container (or prefix), a local folder, or a store written in PowerShell.</para>
    /// <para type="description">Pass the result to Publish-Media -Store. S3 credentials come from the AWS SDK's standard
    /// chain (environment, shared profile, instance role) or -ProfileName, and never appear in any output.
    /// A script store is two scriptblocks: -List returns what the store holds (objects or hashtables with Key, Size,
    /// and optionally Md5 and Headers) and -Put writes one object ($_ has Key, Md5, Headers, ContentType, FilePath,
    /// ReadAllBytes(), OpenRead() and WriteTo(path)); -Delete, given the keys as $_, lets -Delete prune it.
    /// Any error a scriptblock writes fails that call, not only a throw: a -Put that runs Write-Error or whose
    /// $_.WriteTo(...) fails is that file's MediaSync.StoreWriteFailed (and -Delete then deletes nothing), a -List that
    /// writes one stops the publish, a -Delete that writes one fails its orphans. Headers a -List returns are checked
    /// like header rules (MediaSync.HeaderInvalid). A missing S3 bucket or Azure container is MediaSync.StoreListFailed,
    /// naming -Create, which creates it private before the first write (never under -WhatIf).</para>
    /// </summary>
    /// <example>
    /// <code>
    /// $store = New-MediaStore -S3 -Bucket media -Prefix static -Region eu-west-1
    /// $store.UrlFor('css/site.css')
    /// </code>
    /// <para>Describes an S3 bucket and prefix; nothing is contacted until Publish-Media. Credentials come from the AWS SDK's chain (environment, profile, role) or -ProfileName.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $store = New-MediaStore -S3 -Bucket new-media -Region eu-west-1 -Create
    /// $store.Name
    /// </code>
    /// <para>With -Create, Publish-Media creates the bucket, private, if it is not there yet (an existing one is left as it is); -WhatIf only says it would.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $store = New-MediaStore -AzureBlob -Container media -Prefix site -AccountUrl https://contoso.blob.core.windows.net -PublicBaseUrl https://cdn.contoso.com
    /// $store.UrlFor('css/site.css')
    /// </code>
    /// <para>Describes an Azure Blob container, signed in with the Azure.Identity chain (environment, managed identity, Azure CLI); -ConnectionString or -SasUrl instead, or AZURE_STORAGE_CONNECTION_STRING with neither. Nothing is contacted until Publish-Media.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $store = New-MediaStore -Swift -Container media -AuthUrl https://auth.example.com/v3 -Credential ([pscredential]::new('deploy', (ConvertTo-SecureString 'not-a-real-password' -AsPlainText -Force)))
    /// $store.Name
    /// </code>
    /// <para>Describes an OpenStack Swift container signed in with Keystone v3 (project and domains from OS_PROJECT_NAME and the other OS_* variables); a v1 auth URL (…/auth/1.0) takes a user and key instead. Nothing is contacted until Publish-Media.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $store = New-MediaStore -Path ./out/served
    /// Get-MediaFile ./site/media | Publish-Media -Store $store
    /// </code>
    /// <para>A folder as a store, with the same plan and reasons as a bucket.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $served = (New-Item -ItemType Directory -Force ./out/ftp).FullName
    /// $store = New-MediaStore -BaseUrl https://cdn.example.com -List {
    ///     Get-ChildItem $served -File -Recurse | ForEach-Object {
    ///         @{ Key = $_.FullName.Substring($served.Length + 1).Replace('\', '/'); Size = $_.Length; Md5 = (Get-FileHash -Algorithm MD5 -LiteralPath $_.FullName).Hash }
    ///     }
    /// } -Put { $_.WriteTo((Join-Path $served $_.Key)) }
    /// Get-MediaFile ./site/media | Publish-Media -Store $store
    /// </code>
    /// <para>A store written in PowerShell: -List says what is there (with Md5, so unchanged files are skipped) and -Put writes one object.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "MediaStore", DefaultParameterSetName = S3Set)]
    [OutputType(typeof(IMediaStore))]
    public sealed class NewMediaStoreCommand : MediaSyncCmdlet
    {
        private const string S3Set = "S3";
        private const string FolderSet = "Folder";
        private const string ScriptSet = "Script";
        private const string AzureSet = "AzureBlob";
        private const string SwiftSet = "Swift";

        /// <summary>Creates an S3 store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = S3Set)]
        public SwitchParameter S3 { get; set; }

        /// <summary>The bucket's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string Bucket { get; set; } = "";

        /// <summary>A folder inside the bucket or container.</summary>
        [Parameter(ParameterSetName = S3Set)]
        [Parameter(ParameterSetName = AzureSet)]
        [Parameter(ParameterSetName = SwiftSet)]
        public string Prefix { get; set; } = "";

        /// <summary>The bucket's AWS region (default us-east-1).</summary>
        [Parameter(ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string Region { get; set; } = "us-east-1";

        /// <summary>An S3-compatible endpoint (Ceph RGW, MinIO, ...).</summary>
        [Parameter(ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>Path-style addressing (http://host/bucket/key), which most S3-compatible servers need.</summary>
        [Parameter(ParameterSetName = S3Set)]
        public SwitchParameter ForcePathStyle { get; set; }

        /// <summary>A profile from the AWS shared credentials files.</summary>
        [Parameter(ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        /// <summary>Where the objects are served from: a CDN, Azure Front Door or a CNAME bucket.</summary>
        [Parameter(ParameterSetName = S3Set)]
        [Parameter(ParameterSetName = AzureSet)]
        [Parameter(ParameterSetName = SwiftSet)]
        [ValidateNotNullOrEmpty]
        public string? PublicBaseUrl { get; set; }

        /// <summary>Objects at least this big go up in parts, several at once (default 16MB; at least 5MB).</summary>
        [Parameter(ParameterSetName = S3Set)]
        public long MultipartThreshold { get; set; } = new S3StoreOptions().MultipartThreshold;

        /// <summary>The size of each part of a multipart upload (default 8MB; 5MB to 5GB).</summary>
        [Parameter(ParameterSetName = S3Set)]
        public long PartSize { get; set; } = new S3StoreOptions().PartSize;

        /// <summary>Retries of a request after 5xx, SlowDown, timeouts or reset connections, with exponential backoff (default 5).</summary>
        [Parameter(ParameterSetName = S3Set)]
        [Parameter(ParameterSetName = AzureSet)]
        [Parameter(ParameterSetName = SwiftSet)]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = new S3StoreOptions().MaxRetries;

        /// <summary>S3 and Azure Blob: creates the bucket or container, private, before the first publish when it is not there (under -WhatIf it only says it would); an existing one is left as it is.</summary>
        [Parameter(ParameterSetName = S3Set)]
        [Parameter(ParameterSetName = AzureSet)]
        public SwitchParameter Create { get; set; }

        /// <summary>Creates an Azure Blob Storage store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureSet)]
        public SwitchParameter AzureBlob { get; set; }

        /// <summary>The blob or Swift container's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AzureSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SwiftSet)]
        [ValidateNotNullOrEmpty]
        public string Container { get; set; } = "";

        /// <summary>https://account.blob.core.windows.net, signed in with the Azure.Identity chain (environment, managed identity, Azure CLI, ...).</summary>
        [Parameter(ParameterSetName = AzureSet)]
        [ValidateNotNullOrEmpty]
        public string? AccountUrl { get; set; }

        /// <summary>A storage connection string (default: $env:AZURE_STORAGE_CONNECTION_STRING when no other way is given). Never shown in output.</summary>
        [Parameter(ParameterSetName = AzureSet)]
        [ValidateNotNullOrEmpty]
        public string? ConnectionString { get; set; }

        /// <summary>A container URL with a SAS token. The token is never shown in output, nor in an error: a signature a server or proxy echoes back reads sig=REDACTED.</summary>
        [Parameter(ParameterSetName = AzureSet)]
        [ValidateNotNullOrEmpty]
        public string? SasUrl { get; set; }

        /// <summary>Creates an OpenStack Swift store (Rackspace Cloud Files, Ceph RGW's Swift API, ...).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SwiftSet)]
        public SwitchParameter Swift { get; set; }

        /// <summary>Swift: v1 auth (http://host/auth/1.0) or Keystone v3 (https://keystone/v3); default OS_AUTH_URL, else ST_AUTH.</summary>
        [Parameter(ParameterSetName = SwiftSet)]
        [ValidateNotNullOrEmpty]
        public string? AuthUrl { get; set; }

        /// <summary>Swift: the user and key (v1) or password (Keystone); default OS_USERNAME/OS_PASSWORD, else ST_USER/ST_KEY. Never shown in output.</summary>
        [Parameter(ParameterSetName = SwiftSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>A local folder as a store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FolderSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Script store: returns every object the store holds, each with Key and Size (and Md5, Headers when known).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
        [ValidateNotNull]
        public ScriptBlock? List { get; set; }

        /// <summary>Script store: writes one object, given as $_ (and $args[0]).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
        [ValidateNotNull]
        public ScriptBlock? Put { get; set; }

        /// <summary>Script store: deletes the keys given as $_ (and $args[0]), a string array. Without it, -Delete cannot prune the store.</summary>
        [Parameter(ParameterSetName = ScriptSet)]
        [ValidateNotNull]
        public ScriptBlock? Delete { get; set; }

        /// <summary>Script store: the public URL the objects are served from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
        [ValidateNotNullOrEmpty]
        public string BaseUrl { get; set; } = "";

        /// <summary>Script store: -List returns the Headers each object is served with, so header drift is fixed.</summary>
        [Parameter(ParameterSetName = ScriptSet)]
        public SwitchParameter KeepsHeaders { get; set; }

        protected override void EndProcessing() =>
            RunEngine(() =>
            {
                if (ParameterSetName == FolderSet)
                {
                    WriteObject(new FolderStore(ResolveLiteral(Path)));
                    return;
                }
                if (ParameterSetName == ScriptSet)
                {
                    WriteObject(ScriptStore.Create(BaseUrl, List!, Put!, Delete, KeepsHeaders.IsPresent));
                    return;
                }
                if (ParameterSetName == SwiftSet)
                {
                    WriteObject(new SwiftStore(new SwiftStoreOptions
                    {
                        Container = Container, Prefix = Prefix, AuthUrl = AuthUrl, UserName = Credential?.UserName,
                        Password = Credential?.GetNetworkCredential().Password, PublicBaseUrl = PublicBaseUrl, MaxRetries = MaxRetries,
                    }));
                    return;
                }
                if (ParameterSetName == AzureSet)
                {
                    WriteObject(AzureBlobStores.Open(new AzureBlobStoreOptions
                    {
                        Container = Container, Prefix = Prefix, AccountUrl = AccountUrl, ConnectionString = ConnectionString, SasUrl = SasUrl,
                        PublicBaseUrl = PublicBaseUrl, MaxRetries = MaxRetries, Create = Create.IsPresent,
                    }));
                    return;
                }
                WriteObject(S3Stores.Open(new S3StoreOptions
                {
                    Bucket = Bucket,
                    Prefix = Prefix,
                    Region = Region,
                    EndpointUrl = EndpointUrl,
                    ForcePathStyle = ForcePathStyle.IsPresent,
                    ProfileName = ProfileName,
                    PublicBaseUrl = PublicBaseUrl,
                    MultipartThreshold = MultipartThreshold,
                    PartSize = PartSize,
                    MaxRetries = MaxRetries,
                    Create = Create.IsPresent,
                }));
            });
    }
}
