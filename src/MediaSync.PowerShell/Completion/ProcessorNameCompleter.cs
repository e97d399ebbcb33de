using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using MediaSync.Discovery;
using MediaSync.Processing;

namespace MediaSync.PowerShell.Completion
{
    /// <summary>Invoke-MediaProcessor -Processor: the built-in processors' names (Minify, Fingerprint), ignoring case as -Processor does.</summary>
    public sealed class ProcessorNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var input = new CompletionInput(wordToComplete, fakeBoundParameters);
            return input.Results(KeyCompletion.FromKeys(BuiltInProcessors.Names, input.Prefix, StringComparison.OrdinalIgnoreCase));
        }
    }
}
