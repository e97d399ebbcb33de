using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Stores;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a store to publish to: an S3 bucket (or prefix) or a local folder.</para>
    /// <para type="description">Pass the result to Publish-Media -Store. S3 credentials come from the AWS SDK's standard
    /// chain (environment, shared profile, instance role) or -ProfileName, and never appear in any output.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MediaStore", DefaultParameterSetName = S3Set)]
    [OutputType(typeof(IMediaStore))]
    public sealed class NewMediaStoreCommand : MediaSyncCmdlet
    {
        private const string S3Set = "S3";
        private const string FolderSet = "Folder";

        /// <summary>Creates an S3 store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = S3Set)]
        public SwitchParameter S3 { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string Bucket { get; set; } = "";

        /// <summary>A folder inside the bucket.</summary>
        [Parameter(ParameterSetName = S3Set)]
        public string Prefix { get; set; } = "";

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

        /// <summary>Where the objects are served from: a CDN or a CNAME bucket.</summary>
        [Parameter(ParameterSetName = S3Set)]
        [ValidateNotNullOrEmpty]
        public string? PublicBaseUrl { get; set; }

        /// <summary>A local folder as a store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FolderSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        protected override void EndProcessing() =>
            RunEngine(() =>
            {
                if (ParameterSetName == FolderSet)
                {
                    WriteObject(new FolderStore(ResolveLiteral(Path)));
                    return;
                }
                WriteObject(new S3Store(new S3StoreOptions
                {
                    Bucket = Bucket,
                    Prefix = Prefix,
                    Region = Region,
                    EndpointUrl = EndpointUrl,
                    ForcePathStyle = ForcePathStyle.IsPresent,
                    ProfileName = ProfileName,
                    PublicBaseUrl = PublicBaseUrl,
                }));
            });
    }
}
