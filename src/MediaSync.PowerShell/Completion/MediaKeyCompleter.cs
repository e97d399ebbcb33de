using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MediaSync.Discovery;
using MediaSync.PowerShell.Infrastructure;

namespace MediaSync.PowerShell.Completion
{
    /// <summary>
    /// Get-MediaFile -Name: the keys of the roots and apps already bound (-Path, -LiteralPath, -App, or the current
    /// folder, as the command would search), with -MediaDirectoryName, -Include, -Exclude and -Force as given.
    /// </summary>
    public sealed class MediaKeyCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionInput.Safely(() =>
            {
                var input = new CompletionInput(wordToComplete, fakeBoundParameters);
                var request = Request(CompletionInput.SessionPaths(), input);
                return input.Results(KeyCompletion.FromSources(request, input.Prefix, KeyCompletion.DefaultLimit, KeyCompletion.DefaultBudget));
            });

        /// <summary>The discovery Get-MediaFile would run with <paramref name="bound"/>'s parameters.</summary>
        internal static MediaDiscoveryRequest Request(PathIntrinsics paths, CompletionInput bound)
        {
            var roots = MediaSyncCmdlet.ResolvePaths(paths, bound.Strings("Path"), literal: false, _ => { })
                .Concat(MediaSyncCmdlet.ResolvePaths(paths, bound.Strings("LiteralPath"), literal: true, _ => { })).ToList();
            var apps = MediaSyncCmdlet.ResolvePaths(paths, bound.Strings("App"), literal: false, _ => { });
            if (roots.Count == 0 && apps.Count == 0) roots.Add(paths.CurrentFileSystemLocation.ProviderPath);
            return new MediaDiscoveryRequest
            {
                Roots = roots,
                Apps = apps,
                MediaDirectoryName = bound.String("MediaDirectoryName") ?? "media",
                Include = bound.Strings("Include").ToList(),
                Exclude = bound.Strings("Exclude").ToList(),
                Force = bound.Switch("Force"),
            };
        }
    }
}
