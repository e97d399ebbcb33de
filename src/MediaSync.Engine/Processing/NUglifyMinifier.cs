using System;
using System.Linq;
using System.Text;
using MediaSync.Content;
using MediaSync.Reporting;
using NUglify;
using NUglify.Css;
using NUglify.JavaScript;

namespace MediaSync.Processing
{
    /// <summary>Which minifier the Minify step uses (-Minifier).</summary>
    public enum MinifierChoice
    {
        /// <summary>esbuild when it can run; otherwise NUglify for CSS, and JavaScript stays as it is, with one warning.</summary>
        Auto,
        /// <summary>esbuild, and a clear error when it cannot run.</summary>
        Esbuild,
        /// <summary>NUglify for CSS and JavaScript: no native binary, but some modern JavaScript comes out wrong.</summary>
        NUglify,
    }

    /// <summary>
    /// Minifies in process with NUglify, the pure-.NET minifier: CSS always, JavaScript only when asked for, since
    /// NUglify breaks some modern JavaScript (the cases are in docs/benchmarks.md and the help). Its settings mirror
    /// esbuild's where both have them: legal comments (/*! … */) are kept unless LegalComments is none, KeepNames
    /// keeps the names of functions, classes and arrow functions (by renaming no local), and nothing unsafe runs (eval keeps its scope's names, debugger statements and debug
    /// calls stay, new Array() is not collapsed). A file NUglify reports an error for keeps its bytes, with one
    /// one-line warning: file:line:column and the message, its quoted source cut short.
    /// </summary>
    internal sealed class NUglifyMinifier : Cache.ICacheableMediaProcessor
    {
        private readonly bool _javaScript;
        private readonly EsbuildOptions _options;
        private bool _warnedJavaScript;

        /// <param name="javaScript">Minify JavaScript too; without it JavaScript passes through with one warning (Auto without esbuild).</param>
        /// <param name="options">The esbuild options whose meaning NUglify shares: legal comments, KeepNames, charset.</param>
        public NUglifyMinifier(bool javaScript, EsbuildOptions options)
        {
            _javaScript = javaScript;
            _options = options;
        }

        public string Name => "Minify";

        public string CacheIdentity =>
            "nuglify " + typeof(Uglify).Assembly.GetName().Version + " js=" + _javaScript + " " + string.Join(" ", _options.Flags());

        public bool Accepts(MediaFile file) => EsbuildMinifier.IsMinifiable(file.RelativePath);

        public MediaContent? Process(MediaFile file, IEngineHost host)
        {
            var css = file.RelativePath.EndsWith(".css", StringComparison.OrdinalIgnoreCase);
            if (!css && !_javaScript)
            {
                if (!_warnedJavaScript)
                {
                    _warnedJavaScript = true;
                    host.WriteWarning($"esbuild was not found ({OptionNames.Of("EsbuildPath")}, the module's runtimes folder, PATH), so JavaScript is left " +
                        $"unminified; CSS is minified with NUglify. {OptionNames.Of("Minifier")} NUglify minifies JavaScript with NUglify too.");
                }
                return null;
            }
            var refusal = MinifierInput.Refusal(file, Name, host);
            if (refusal != null)
            {
                // Process has no failed outcome to return (a MediaSyncException would end the whole run): the same one error.
                if (refusal.Error != null) host.WriteError(refusal.Error);
                return null;
            }
            var text = new ProcessorInput(file).Text;
            var result = css ? Uglify.Css(text, CssSettings()) : Uglify.Js(text, JsSettings());
            var error = result.Errors?.FirstOrDefault(e => e.IsError);
            if (result.HasErrors || result.Code == null)
            {
                host.WriteWarning($"NUglify could not minify '{file.RelativePath}' ({Describe(file.RelativePath, error)}); it keeps its original bytes.");
                return null;
            }
            return MediaContent.FromBytes(new UTF8Encoding(false).GetBytes(result.Code));
        }

        /// <summary>
        /// One line, "key:line:column: message": NUglify's messages quote the source they stopped at (a whole rule or
        /// method body), so only the message's first line is kept and any quote is cut to a short excerpt.
        /// </summary>
        internal static string Describe(string key, UglifyError? error)
        {
            if (error == null) return "it gave no output";
            var message = (error.Message ?? "").Replace("\r\n", "\n").Trim();
            var newline = message.IndexOf('\n');
            if (newline >= 0) message = message.Substring(0, newline).TrimEnd() + " …";
            if (message.Length > MaxMessage) message = message.Substring(0, MaxMessage).TrimEnd() + " …";
            return $"{key}:{error.StartLine}:{error.StartColumn}: {message}";
        }

        private const int MaxMessage = 120;

        private CssSettings CssSettings() => new CssSettings
        {
            CommentMode = _options.LegalComments == "none" ? CssComment.None : CssComment.Important,
        };

        private CodeSettings JsSettings() => new CodeSettings
        {
            PreserveImportantComments = _options.LegalComments != "none",
            // nothing unsafe: code that eval's keeps the names it can see, debug statements stay, constructors stay calls
            EvalTreatment = EvalTreatment.MakeImmediateSafe,
            StripDebugStatements = false,
            CollapseToLiteral = false,
            // KeepNames keeps every .name, as esbuild's --keep-names does: NUglify keeps a class's or an arrow
            // function's name only when it renames no local at all (PreserveFunctionNames covers functions alone)
            LocalRenaming = _options.KeepNames ? LocalRenaming.KeepAll : LocalRenaming.CrunchAll,
            PreserveFunctionNames = _options.KeepNames,
            RemoveFunctionExpressionNames = !_options.KeepNames,
            AlwaysEscapeNonAscii = !_options.Utf8Charset,
        };
    }
}
