using System.Management.Automation;
using MediaSync.PowerShell.Completion;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Reporting;
using MediaSync.Settings;
using MediaSync.Web;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Renders the link and script tags for a stylesheet, a script or a bundle, for templates.</para>
    /// <para type="description">Tags as the ancestor wrote them for its three doctypes: html4 and html5 link with
    /// type="text/css" and a media (default "screen, projection"), xhtml self-closed; html4 and xhtml scripts with
    /// type and charset, html5 with src alone. Served locally a bundle is one tag per member, served remotely one tag.
    /// -Integrity adds SRI and crossorigin from manifest.json. URLs are made as Get-MediaUrl makes them; the CssPath and
    /// JsPath settings apply to bare names. Every attribute value (href, src, media, integrity, crossorigin) is
    /// HTML-escaped, so no value can end its attribute. manifest.json is trusted with nothing: an integrity value that is not
    /// sha256-, sha384- or sha512- and base64 (whitespace-separated tokens, no ?options), or a key that leaves the
    /// media root, is refused when the manifest is read, with the terminating error MediaSync.ManifestInvalid naming the
    /// manifest and the entry, before any tag is written. -AcceptEncoding names the .br or .gz twin the client accepts
    /// (as Get-MediaUrl); integrity stays the original's, as SRI checks the decoded body. -Module writes
    /// type="module"; -Preload does too and adds, after the script, a modulepreload link for each module in the entry's
    /// transitive static imports (manifest.json's "imports"), each once, depth first in sorted order, as Vite's backend
    /// integration does.</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaTag css/all.css -Settings @{ Bundles = @{ 'css/all.css' = 'css/site.css', 'blog/blog.css' } }
    /// </code>
    /// <para>Locally, one link tag per member of the bundle: '&lt;link rel="stylesheet" href="/media/css/site.css" type="text/css" media="screen, projection"&gt;', ...</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaTag js/site.js -Doctype Html4 -Remote -UseSsl -Settings @{ PublicBaseUrl = 'https://cdn.example.com' }
    /// </code>
    /// <para>'&lt;script type="text/javascript" charset="utf-8" src="https://cdn.example.com/js/site.js"&gt;&lt;/script&gt;'.</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaTag js/site.js -Preload -AcceptEncoding 'gzip, br' -Settings @{ Roots = './site/media' }
    /// </code>
    /// <para>'&lt;script type="module" src="/media/js/site.js"&gt;&lt;/script&gt;', then one '&lt;link rel="modulepreload" href="..."&gt;' per imported module; the .br twin's URL where manifest.json lists one.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MediaTag")]
    [OutputType(typeof(string))]
    public sealed class GetMediaTagCommand : MediaUrlCmdlet
    {
        /// <summary>The stylesheet, script or bundle keys, e.g. styles/joined.css.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RelativePath", "Key")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ManifestPathCompleter))]
        public string[] Path { get; set; } = new string[0];

        /// <summary>A stylesheet's media attribute (default "screen, projection").</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Media { get; set; }

        /// <summary>Html4, Html5 or Xhtml; default the Doctype setting (Html5).</summary>
        [Parameter]
        public Doctype Doctype { get; set; }

        /// <summary>Adds integrity (SRI) and crossorigin from manifest.json.</summary>
        [Parameter]
        public SwitchParameter Integrity { get; set; }

        /// <summary>Writes scripts as type="module" (a .mjs is not made one on its own, as before).</summary>
        [Parameter]
        public SwitchParameter Module { get; set; }

        /// <summary>A module script plus a modulepreload link for every module it imports, transitively, from manifest.json's imports.</summary>
        [Parameter]
        public SwitchParameter Preload { get; set; }

        protected override void ProcessRecord()
        {
            var options = Options;
            var tagOptions = new TagOptions
            {
                Media = Media, Integrity = Integrity.IsPresent, Module = Module.IsPresent, Preload = Preload.IsPresent,
                Doctype = MyInvocation.BoundParameters.ContainsKey(nameof(Doctype)) ? Doctype : (Doctype?)null,
            };
            foreach (var path in Path)
            {
                try
                {
                    foreach (var tag in Urls!.Tags(path, options, tagOptions)) WriteObject(tag);
                }
                catch (MediaSyncException e) { WriteError(ErrorRecords.From(e.Error)); }
            }
        }
    }
}
