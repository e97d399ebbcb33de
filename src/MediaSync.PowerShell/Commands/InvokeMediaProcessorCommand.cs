using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MediaSync.PowerShell.Completion;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Processing;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Runs processing steps (Minify, scriptblocks, your own processor objects) over media files.</para>
    /// <para type="description">Emits processed MediaFile objects whose Processors list the steps applied; files no step
    /// touches pass through unchanged. One failing file gets a non-terminating error and passes through unprocessed.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Invoke-MediaProcessor
    /// </code>
    /// <para>Minifies JS and CSS with the esbuild shipped in the module (one process for the whole batch) and passes every other file on unchanged.</para>
    /// </example>
    /// <example>
    /// <code>
    /// $files = Get-MediaFile ./site/media | Invoke-MediaProcessor Minify -Fingerprint
    /// ($files | Where-Object LogicalPath -eq 'css/site.css').ReadAllText()
    /// </code>
    /// <para>Minifies, then renames each file to name.&lt;8 hex&gt;.ext with the references to it rewritten in CSS and JS. ReadAllText() shows the processed content; FullName still names the source file, and InMemory is true.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Invoke-MediaProcessor Minify -SourceMap | Select-Object RelativePath
    /// </code>
    /// <para>Minifies with a new source map for each file (js/app.js and js/app.js.map), composed with the input's own map when it has one.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -Include *.css | Invoke-MediaProcessor { $_.Text -replace '/\*.*?\*/', '' }
    /// </code>
    /// <para>Runs a scriptblock as a processor: $_ is the file (with .Text and .Bytes); return a string, bytes, or $null to leave the file as it is.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media -Include *.css | Invoke-MediaProcessor -Minifier NUglify
    /// </code>
    /// <para>Minifies with NUglify, in process and without a native binary. Safe for CSS; for JavaScript prefer esbuild (the default), since NUglify gets some modern constructs wrong.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaFile ./site/media | Invoke-MediaProcessor Fingerprint -MediaUrl /static/ | Select-Object LogicalPath, RelativePath
    /// </code>
    /// <para>Fingerprints only, and also rewrites references written from the site root, such as url(/static/img/logo.png), when media is served under /static/.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "MediaProcessor")]
    [OutputType(typeof(MediaFile))]
    public sealed class InvokeMediaProcessorCommand : MediaSyncCmdlet
    {
        private readonly List<MediaFile> _files = new List<MediaFile>();
        private readonly List<IMediaProcessor> _processors = new List<IMediaProcessor>();

        /// <summary>Media files, usually from Get-MediaFile.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public MediaFile[]? InputObject { get; set; }

        /// <summary>Steps in order: a built-in name (Minify), a scriptblock, or an object implementing MediaSync.Processing.IMediaProcessor.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProcessorNameCompleter))]
        public object[] Processor { get; set; } = { "Minify" };

        /// <summary>Adds the Fingerprint step after the others: app.css becomes app.&lt;8 hex&gt;.css, and the references to it are rewritten: CSS url(), @import and image-set(), JS static and dynamic imports, export-from and new URL(…, import.meta.url), and sourceMappingURL (the map is published as the file's new key plus .map). A cycle of references is named as one unit. Bare specifiers and absolute URLs stay, silently; a relative one that names no file is one warning. A stylesheet or script that is not valid in its encoding (BOM, @charset, else UTF-8) is MediaSync.TextEncodingInvalid and passes unchanged.</summary>
        [Parameter]
        public SwitchParameter Fingerprint { get; set; }

        /// <summary>The URL media is served under (the MediaUrl setting, e.g. /static/): Fingerprint rewrites root-relative references under it, such as url(/static/img/a.png), too.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MediaUrl { get; set; }

        /// <summary>Which minifier Minify uses. Auto (default): esbuild when it can run, else NUglify for CSS while JavaScript stays as it is, with one warning. Esbuild: esbuild, or the error MediaSync.EsbuildUnavailable. NUglify: the pure-.NET NUglify for CSS and JavaScript, with no native binary; it is about three times slower than esbuild in process (five on the largest files) and gets some JavaScript wrong: it changes the raw strings a tagged template receives (an escape such as \n in tag`a\nb` reaches strings.raw as a real newline), and it cannot parse class static blocks (static { }), so such files keep their bytes with a warning. CSS custom properties whose value is a { } block also stay as they are. docs/benchmarks.md has the measurements.</summary>
        [Parameter]
        public MinifierChoice Minifier { get; set; }

        /// <summary>The esbuild binary; by default the one shipped in the module, then PATH.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EsbuildPath { get; set; }

        /// <summary>esbuild --target: ECMAScript versions and browsers, e.g. es2020 or chrome100,safari15.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Target { get; set; } = { EsbuildOptions.DefaultTarget };

        /// <summary>esbuild --legal-comments.</summary>
        [Parameter]
        [ValidateSet("none", "inline", "eof")]
        public string LegalComments { get; set; } = "eof";

        /// <summary>Keeps function, class and arrow-function names that minification would shorten (esbuild --keep-names; with -Minifier NUglify no local name is shortened).</summary>
        [Parameter]
        public SwitchParameter KeepNames { get; set; }

        /// <summary>Minify writes name.ext.map beside each file it minifies, composed with the input's own map when the input's sourceMappingURL names a readable map beside it, with sourcesContent kept so the map needs no published sources, and the file ends with a sourceMappingURL comment naming it. It replaces an input map of that key. Without -SourceMap, a map linked by a file Minify changes is not published (a verbose line names it), since it describes the unminified file; maps of files Minify skips (name.min.js) stay. Needs esbuild: with -Minifier NUglify it is the error MediaSync.SourceMapNeedsEsbuild.</summary>
        [Parameter]
        public SwitchParameter SourceMap { get; set; }

        /// <summary>utf8 writes non-ASCII characters as they are; ascii (default) escapes them.</summary>
        [Parameter]
        [ValidateSet("ascii", "utf8")]
        public string Charset { get; set; } = "ascii";

        /// <summary>The processing cache's folder (default out/cache under the current location): Minify output is read from there for an input minified before with the same settings. Safe to delete at any time.</summary>
        [Parameter]
        public string? CachePath { get; set; }

        /// <summary>Runs every step on every file and reads or writes no cache.</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        /// <summary>Caches scriptblock steps too, under this identity: give a string that changes whenever the scriptblock's output would (its output must depend only on the file's bytes and extension).</summary>
        [Parameter]
        public string? CacheIdentity { get; set; }

        protected override void BeginProcessing()
        {
            var settings = new ProcessorSettings
            {
                EsbuildPath = EsbuildPath == null ? null : ResolveLiteral(EsbuildPath),
                ModuleRoot = ModuleRoot,
                Minifier = Minifier,
                MediaUrl = MediaUrl,
                Esbuild = new EsbuildOptions
                {
                    Target = string.Join(",", Target),
                    LegalComments = LegalComments,
                    KeepNames = KeepNames.IsPresent,
                    Utf8Charset = Charset == "utf8",
                    SourceMap = SourceMap.IsPresent,
                },
            };
            RunEngine(() =>
            {
                var steps = Fingerprint.IsPresent ? Processor.Concat(new object[] { "Fingerprint" }).ToArray() : Processor;
                for (var i = 0; i < steps.Length; i++)
                {
                    var step = steps[i] is PSObject wrapped ? wrapped.BaseObject : steps[i];
                    _processors.Add(step switch
                    {
                        string name => BuiltInProcessors.Create(name, settings),
                        ScriptBlock script => ScriptBlockProcessor.Create(script, i + 1, CacheIdentity),
                        IMediaProcessor custom => custom,
                        _ => throw new MediaSyncException(Errors.ConflictingArguments(
                            $"-Processor takes built-in names ({string.Join(", ", BuiltInProcessors.Names)}), scriptblocks or IMediaProcessor objects, not {step?.GetType().Name ?? "null"}.")),
                    });
                }
            });
        }

        protected override void ProcessRecord()
        {
            _files.AddRange(Piped(InputObject));
        }

        protected override void EndProcessing() =>
            RunEngine(() =>
            {
                foreach (var file in MediaProcessing.Run(_files, _processors, Engine, OpenCache(CachePath, NoCache))) WriteObject(file);
            });
    }
}
