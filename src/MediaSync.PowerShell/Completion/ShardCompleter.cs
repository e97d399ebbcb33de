using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MediaSync.Discovery;

namespace MediaSync.PowerShell.Completion
{
    /// <summary>
    /// -Shard: i/N for the N typed after the slash, else the pipeline's job count (System.TotalJobsInPhase), else 2 to 4,
    /// so '2/' completes to 2/N and a matrix job's own part comes first.
    /// </summary>
    public sealed class ShardCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var input = new CompletionInput(wordToComplete, fakeBoundParameters);
            var slash = input.Prefix.IndexOf('/');
            var counts = slash >= 0 && int.TryParse(input.Prefix.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var typed) && typed >= 1 ? new[] { typed }
                : int.TryParse(Environment.GetEnvironmentVariable("SYSTEM_TOTALJOBSINPHASE"), NumberStyles.None, CultureInfo.InvariantCulture, out var total) && total > 1 ? new[] { total }
                : new[] { 2, 3, 4 };
            var shards = counts.SelectMany(n => Enumerable.Range(1, Math.Min(n, 64)).Select(i => $"{i}/{n}"));
            return input.Results(KeyCompletion.FromKeys(shards, input.Prefix, StringComparison.Ordinal));
        }
    }
}
