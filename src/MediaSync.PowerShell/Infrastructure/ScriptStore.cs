using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using MediaSync.Stores;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>
    /// A <see cref="CallbackStore"/> whose functions are scriptblocks; the engine calls them on the pipeline thread.
    /// Each runs in a nested pipeline of this runspace, so the errors it writes without throwing (Write-Error, a
    /// failed command, a .NET method's exception) land in that pipeline's error stream and are handed to the engine,
    /// which fails the call: they are never mistaken for success.
    /// </summary>
    internal static class ScriptStore
    {
        // $_ and $args[0] are the argument, as ForEach-Object and the earlier direct call gave them.
        private const string Runner =
            "param($block, $argument) $block.InvokeWithContext($null, [System.Collections.Generic.List[psvariable]]@([psvariable]::new('_', $argument)), @(,$argument))";

        public static CallbackStore Create(string baseUrl, ScriptBlock list, ScriptBlock put, ScriptBlock? delete, bool keepsHeaders)
        {
            var errors = new List<string>();
            return new CallbackStore(baseUrl,
                () => Invoke(list, null, errors).Select(Unwrap),
                item => Invoke(put, item, errors),
                delete == null ? null : new System.Action<IReadOnlyList<string>>(keys => Invoke(delete, keys.ToArray(), errors)),
                keepsHeaders,
                ReadProperty,
                () =>
                {
                    var written = errors.ToList();
                    errors.Clear();
                    return written;
                });
        }

        /// <summary>Runs a scriptblock with its one argument as $_ and $args[0]; what it writes to the error stream goes to <paramref name="errors"/>.</summary>
        private static Collection<PSObject> Invoke(ScriptBlock script, object? argument, List<string> errors)
        {
            using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            shell.AddScript(Runner, useLocalScope: true).AddArgument(script).AddArgument(argument);
            var output = new Collection<PSObject>();
            // a throw, or an error under $ErrorActionPreference = 'Stop', ends the call: one more error it wrote
            try { output = shell.Invoke(); }
            catch (RuntimeException e) when (!(e is PipelineStoppedException)) { errors.Add(Message(e)); }
            foreach (var error in shell.Streams.Error) errors.Add(Message(error));
            return output;
        }

        /// <summary>
        /// An error as the script wrote it: a throw reaches the runner wrapped in InvokeWithContext's call, and an error
        /// under $ErrorActionPreference = 'Stop' inside the exception that stopped it.
        /// </summary>
        private static string Message(ErrorRecord error) => error.ErrorDetails?.Message ?? Message(error.Exception);

        private static string Message(System.Exception exception)
        {
            for (var i = 0; i < 8; i++)
            {
                var inner = exception is MethodInvocationException call ? call.InnerException
                    : exception is ActionPreferenceStopException stopped ? stopped.ErrorRecord?.Exception
                    : null;
                if (inner == null || ReferenceEquals(inner, exception)) break;
                exception = inner;
            }
            return exception.Message;
        }

        /// <summary>A hashtable or a .NET object as itself; a PSCustomObject stays wrapped, since only the wrapper has its properties.</summary>
        private static object? Unwrap(object? value) =>
            value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

        private static object? ReadProperty(object item, string name)
        {
            var value = item is PSObject wrapped && !(wrapped.BaseObject is IDictionary)
                ? wrapped.Properties[name]?.Value
                : CallbackStore.ReadProperty(Unwrap(item)!, name);
            return Unwrap(value);
        }
    }
}
