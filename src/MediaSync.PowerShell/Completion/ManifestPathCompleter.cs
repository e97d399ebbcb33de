using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using MediaSync.Discovery;
using MediaSync.PowerShell.Infrastructure;
using MediaSync.Web;

namespace MediaSync.PowerShell.Completion
{
    /// <summary>
    /// Get-MediaUrl and Get-MediaTag -Path: the logical paths of the manifest.json the command would read (from
    /// -SettingsPath and -Settings as typed, else the session's settings or the mediasync.json here) and the bundles
    /// its settings define; for Get-MediaTag only stylesheets and scripts. Compared by ordinal, as the manifest is.
    /// </summary>
    public sealed class ManifestPathCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionInput.Safely(() =>
            {
                var input = new CompletionInput(wordToComplete, fakeBoundParameters);
                var overrides = input.Bound.Contains("Settings") ? (input.Bound["Settings"] is PSObject p ? p.BaseObject : input.Bound["Settings"]) as IDictionary : null;
                var settings = SessionSettings.Resolve(CompletionInput.SessionPaths(), input.String("SettingsPath"), overrides);
                var tags = string.Equals(commandName, "Get-MediaTag", StringComparison.OrdinalIgnoreCase);
                return input.Results(KeyCompletion.FromKeys(new MediaUrls(settings).KnownPaths(tags), input.Prefix, StringComparison.Ordinal));
            });
    }
}
