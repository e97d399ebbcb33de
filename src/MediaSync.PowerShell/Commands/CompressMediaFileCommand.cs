using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Processing;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Adds gzip and brotli variants next to compressible media files.</para>
    /// <para type="description">Passes every file on, each followed by its variants (ContentEncoding gzip or br,
    /// VariantOf naming the original). Output is deterministic. Brotli needs PowerShell 7.4 or later.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Compress-MediaFile
    /// </code>
    /// <para>Adds a gzip and a brotli twin (app.css.gz, app.css.br) after each compressible file that they make smaller; images and fonts pass on as they are.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Compress-MediaFile gzip -VariantNaming Infix -MinimumSize 0
    /// </code>
    /// <para>Makes gzip twins only, named app.gz.css, for files of any size (a twin that is not smaller is still dropped).</para>
    /// </example>
    [Cmdlet(VerbsData.Compress, "MediaFile")]
    [OutputType(typeof(MediaFile))]
    public sealed class CompressMediaFileCommand : MediaSyncCmdlet
    {
        /// <summary>Media files, usually from Get-MediaFile or Invoke-MediaProcessor.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public MediaFile[]? InputObject { get; set; }

        /// <summary>gzip, br, or both (the default where brotli is available).</summary>
        [Parameter(Position = 0)]
        [ValidateSet(MediaCompression.Gzip, MediaCompression.Brotli)]
        public string[] Encoding { get; set; } = MediaCompression.SupportedEncodings.ToArray();

        /// <summary>Suffix (app.css.gz, default), Infix (app.gz.css) or SameKey.</summary>
        [Parameter]
        public VariantNaming VariantNaming { get; set; } = VariantNaming.Suffix;

        /// <summary>Files smaller than this many bytes get no variants (default 256).</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MinimumSize { get; set; } = 256;

        private CompressionRequest? _request;

        protected override void BeginProcessing()
        {
            _request = new CompressionRequest { Encodings = Encoding.ToList(), Naming = VariantNaming, MinimumSize = MinimumSize };
            RunEngine(() => MediaCompression.Validate(_request));
        }

        protected override void ProcessRecord()
        {
            var files = Piped(InputObject).ToList();
            RunEngine(() =>
            {
                foreach (var file in MediaCompression.Compress(files, _request!, Engine)) WriteObject(file);
            });
        }
    }
}
