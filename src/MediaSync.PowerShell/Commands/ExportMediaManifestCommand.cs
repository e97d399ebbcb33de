using System.Collections.Generic;
using System.Management.Automation;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Processing;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes manifest.json: each logical key's published key, hash, size, SRI integrity, variants and bundle members.</para>
    /// <para type="description">Keys are sorted so the file diffs cleanly; the file is written atomically. -PassThru passes the files on.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Invoke-MediaProcessor -Fingerprint | Export-MediaManifest ./out/manifest.json
    /// </code>
    /// <para>Writes manifest.json: for each logical key, the fingerprinted key, MD5, size, SRI integrity, variants and bundle members. A template reads it to render URLs.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Invoke-MediaProcessor -Fingerprint |
    ///     Export-MediaManifest ./out/public/manifest.json -PassThru | Publish-Media ./out/public -Delete
    /// </code>
    /// <para>With -PassThru the files go on, followed by the manifest itself, so Publish-Media publishes it after the files it names, and -Delete keeps it.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "MediaManifest", SupportsShouldProcess = true)]
    [OutputType(typeof(MediaFile))]
    public sealed class ExportMediaManifestCommand : MediaSyncCmdlet
    {
        private readonly List<MediaFile> _files = new List<MediaFile>();

        /// <summary>Media files, usually from Invoke-MediaProcessor, Compress-MediaFile or Join-MediaBundle.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public MediaFile[]? InputObject { get; set; }

        /// <summary>Where to write the manifest.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Passes every file on, then the manifest itself (keyed by the file name of -Path), so Publish-Media publishes it after the files it names.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var file in Piped(InputObject))
            {
                _files.Add(file);
                if (PassThru.IsPresent) WriteObject(file);
            }
        }

        protected override void EndProcessing()
        {
            var path = ResolveLiteral(Path);
            var write = ShouldProcess(path, $"Write a manifest of {_files.Count} files");
            RunEngine(() =>
            {
                var manifest = MediaManifest.Export(path, _files, write);
                if (PassThru.IsPresent) WriteObject(manifest);
            });
        }
    }
}
