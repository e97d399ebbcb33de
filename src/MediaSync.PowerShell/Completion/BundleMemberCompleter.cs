using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MediaSync.Discovery;
using MediaSync.PowerShell.Infrastructure;

namespace MediaSync.PowerShell.Completion
{
    /// <summary>
    /// Join-MediaBundle -Member: the keys the pipeline brings, found as the Get-MediaFile before it in the same
    /// pipeline would find them, else from the session's settings (Roots and Apps, as Sync-Media finds them). Once
    /// the bundle's name is typed, only members of its kind (.css or .js).
    /// </summary>
    public sealed class BundleMemberCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionInput.Safely(() =>
            {
                var input = new CompletionInput(wordToComplete, fakeBoundParameters);
                var paths = CompletionInput.SessionPaths();
                var upstream = Upstream(commandAst);
                MediaDiscoveryRequest request;
                if (upstream != null) request = MediaKeyCompleter.Request(paths, new CompletionInput("", upstream));
                else
                {
                    var settings = SessionSettings.Resolve(paths, null, null);
                    request = new MediaDiscoveryRequest
                    {
                        Roots = settings.Roots, Apps = settings.Apps, MediaDirectoryName = settings.MediaDirectoryName,
                        Include = settings.Include, Exclude = settings.Exclude,
                    };
                }
                var keys = KeyCompletion.FromSources(request, input.Prefix, KeyCompletion.DefaultLimit, KeyCompletion.DefaultBudget);
                var kind = input.String("Name") is string bundle ? Path.GetExtension(bundle) : null;
                return input.Results(string.IsNullOrEmpty(kind) ? keys : keys.Where(key => Path.GetExtension(key).Equals(kind, StringComparison.OrdinalIgnoreCase)));
            });

        /// <summary>The parameters of the last Get-MediaFile before this command in its pipeline, as far as they are written out; null when there is none.</summary>
        private static IDictionary? Upstream(CommandAst command)
        {
            if (!(command.Parent is PipelineAst pipeline)) return null;
            var before = pipeline.PipelineElements.TakeWhile(element => element != command).OfType<CommandAst>()
                .LastOrDefault(element => string.Equals(element.GetCommandName(), "Get-MediaFile", StringComparison.OrdinalIgnoreCase));
            if (before == null) return null;
            var bound = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in StaticParameterBinder.BindCommand(before, resolve: true).BoundParameters)
                bound[parameter.Key] = parameter.Value.ConstantValue ?? Constants(parameter.Value.Value);
            return bound;
        }

        // `-App ./a, ./b` is an array of constants, which the binder leaves for the caller to read
        private static object? Constants(CommandElementAst? value) =>
            value is ArrayLiteralAst list ? list.Elements.OfType<ConstantExpressionAst>().Select(c => c.Value).ToArray()
            : value is CommandParameterAst ? (object)true
            : null;
    }
}
