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
    /// VariantOf naming the original), in input order, compressing on all cores. A twin is kept only when it saves at least 5%; already
    /// compressed types (woff2, woff, png, jpg, gif, webp, avif, zip, gz, br, mp4, ...) get none. Output is deterministic, and
    /// twins are cached by their input's hash in out/cache (-CachePath, -NoCache). Brotli needs PowerShell 7.4 or later.</para>
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
    /// <para>Makes gzip twins only, named app.gz.css, for files of any size (a twin that does not save 5% is still dropped).</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Compress-MediaFile -CachePath ./out/cache -Verbose
    /// </code>
    /// <para>A second run reads every twin from the cache folder; the verbose line counts the cache hits.</para>
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

        /// <summary>The processing cache's folder (default out/cache under the current location): a twin whose input was compressed before is read from there instead of recomputed. Safe to delete at any time.</summary>
        [Parameter]
        public string? CachePath { get; set; }

        /// <summary>Computes every twin and reads or writes no cache.</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        private CompressionRequest? _request;

        protected override void BeginProcessing()
        {
            _request = new CompressionRequest { Encodings = Encoding.ToList(), Naming = VariantNaming, MinimumSize = MinimumSize, Cache = OpenCache(CachePath, NoCache) };
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
