using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using MediaSync.Discovery;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Publishing;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Publishes media files to a local folder, by copying or by linking.</para>
    /// <para type="description">Collects the piped files, plans every one (New, SizeChanged, HashChanged, ...),
    /// then writes atomically in parallel. -Delete removes orphans afterwards, under guards.</para>
    /// </summary>
    [Cmdlet(VerbsData.Publish, "Media", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(PublishResult), typeof(PublishSummary))]
    public sealed class PublishMediaCommand : MediaSyncCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string LiteralPathSet = "LiteralPath";

        private readonly List<MediaFile> _files = new List<MediaFile>();
        private readonly List<string> _roots = new List<string>();

        /// <summary>Media files, usually from Get-MediaFile.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [AllowEmptyCollection]
        public MediaFile[]? InputObject { get; set; }

        /// <summary>Media roots to publish whole, as Get-MediaFile -LiteralPath would find them.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>The destination folder; created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = "";

        /// <summary>Copy (default) or Link.</summary>
        [Parameter]
        public PublishMode Mode { get; set; } = PublishMode.Copy;

        /// <summary>Copy mode only: IfChanged (default), All, NewOnly, IfNewer or Clean.</summary>
        [Parameter]
        public OverwriteStrategy Overwrite { get; set; } = OverwriteStrategy.IfChanged;

        /// <summary>Link mode only: what to do where no link can be made. None (default) reports an error; Copy copies.</summary>
        [Parameter]
        public LinkFallback Fallback { get; set; } = LinkFallback.None;

        /// <summary>With IfChanged, compares content even when size and write time match.</summary>
        [Parameter]
        public SwitchParameter Checksum { get; set; }

        /// <summary>Deletes destination files that are not in the published set, after all writes succeed.</summary>
        [Parameter]
        public SwitchParameter Delete { get; set; }

        /// <summary>The most orphans -Delete may remove (default 100); more refuses all deletes.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxDelete { get; set; } = 100;

        /// <summary>Emits one summary object instead of one result per file.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>Parallel file operations.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = LocalPublishRequest.DefaultThrottleLimit;

        /// <summary>Skips the confirmation that -Overwrite Clean asks for.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override bool ForceRequested => Force.IsPresent;

        protected override void ProcessRecord()
        {
            if (InputObject != null)
                foreach (var file in InputObject)
                    if (file != null) _files.Add(file);
            if (LiteralPath != null) _roots.AddRange(ResolvePaths(LiteralPath, literal: true, Errors.RootNotFound));
        }

        protected override void EndProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            var request = new LocalPublishRequest(ResolveLiteral(Destination))
            {
                Mode = Mode,
                Overwrite = bound.ContainsKey(nameof(Overwrite)) ? Overwrite : (OverwriteStrategy?)null,
                Fallback = bound.ContainsKey(nameof(Fallback)) ? Fallback : (LinkFallback?)null,
                Checksum = Checksum.IsPresent,
                Delete = Delete.IsPresent,
                MaxDelete = MaxDelete,
                ThrottleLimit = ThrottleLimit,
                WhatIf = IsWhatIf,
            };
            RunEngine(() =>
            {
                if (_roots.Count > 0) _files.AddRange(MediaDiscovery.Discover(new MediaDiscoveryRequest { Roots = _roots }, Engine));
                var clock = Stopwatch.StartNew();
                var summary = new PublishSummary(request.Destination);
                foreach (var result in LocalPublisher.Publish(request, _files, Engine))
                {
                    if (Summary.IsPresent) summary.Add(result);
                    else WriteObject(result);
                }
                summary.Elapsed = clock.Elapsed;
                if (Summary.IsPresent) WriteObject(summary);
            });
        }
    }
}
