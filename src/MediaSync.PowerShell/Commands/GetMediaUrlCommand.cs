using System.Management.Automation;
using MediaSync.PowerShell.Completion;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Reporting;
using MediaSync.Web;

namespace MediaSync.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Returns the URL a media file is served from, for templates.</para>
    /// <para type="description">The local URL (the MediaUrl setting, default /media/), or with -Remote or the ServeRemote
    /// setting the store's public URL (PublicBaseUrl for a CNAME or CDN). -UseSsl or the UseSsl setting forces https;
    /// otherwise an absolute URL follows -RequestIsSecure, or is protocol-relative. The CacheBuster setting adds a query
    /// string, except where manifest.json gives a fingerprinted key, which is used instead. Reads only manifest.json and
    /// the settings. Each path segment is percent-encoded (a space, # or ? in a key makes a valid URL). A manifest.json
    /// key (logical, published or bundle member) that is absolute, has '.' or '..' segments, a backslash, a control
    /// character or a URL scheme (javascript:) refuses the whole manifest when it is read: the terminating error
    /// MediaSync.ManifestInvalid names the manifest and the entry, and no URL is written. -AcceptEncoding (the page
    /// request's header) names manifest.json's .br, else .gz, twin when the client accepts it (br;q=0 refuses, * allows
    /// any, identity rated higher keeps the original); the ServeCompressed setting off ignores it. A SameKey twin has the
    /// original's key, so the same URL (docs/templates.md says which naming fits which store).</para>
    /// </summary>
    /// <example>
    /// <code>
    /// Get-MediaUrl -Path img/logo.svg -Settings @{ Roots = './site/media' }
    /// </code>
    /// <para>Returns '/media/img/logo.svg', or the fingerprinted key once Sync-Media has written manifest.json.</para>
    /// </example>
    /// <example>
    /// <code>
    /// 'css/site.css', 'js/site.js' | Get-MediaUrl -Remote -RequestIsSecure -Settings @{ PublicBaseUrl = 'https://cdn.example.com/site' }
    /// </code>
    /// <para>Returns the CDN URLs, https because the page's request was: 'https://cdn.example.com/site/css/site.css', ...</para>
    /// </example>
    /// <example>
    /// <code>
    /// Get-MediaUrl css/site.css -AcceptEncoding 'gzip, deflate, br' -Settings @{ Roots = './site/media' }
    /// </code>
    /// <para>'/media/css/site.css.br' where manifest.json lists a br twin, else the .gz one, else '/media/css/site.css'.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MediaUrl")]
    [OutputType(typeof(string))]
    public sealed class GetMediaUrlCommand : MediaUrlCmdlet
    {
        /// <summary>The media keys, e.g. images/stuff.png.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RelativePath", "Key")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ManifestPathCompleter))]
        public string[] Path { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var options = Options;
            foreach (var path in Path)
            {
                try { WriteObject(Urls!.Url(path, options)); }
                catch (MediaSyncException e) { WriteError(ErrorRecords.From(e.Error)); }
            }
        }
    }
}
