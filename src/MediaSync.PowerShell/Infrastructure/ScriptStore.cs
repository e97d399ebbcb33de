using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MediaSync.Stores;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>A <see cref="CallbackStore"/> whose functions are scriptblocks; the engine calls them on the pipeline thread.</summary>
    internal static class ScriptStore
    {
        public static CallbackStore Create(string baseUrl, ScriptBlock list, ScriptBlock put, ScriptBlock? delete, bool keepsHeaders) =>
            new CallbackStore(baseUrl,
                () => list.Invoke().Select(Unwrap),
                item => Invoke(put, item),
                delete == null ? null : new System.Action<IReadOnlyList<string>>(keys => Invoke(delete, keys.ToArray())),
                keepsHeaders,
                ReadProperty);

        /// <summary>Runs a scriptblock with its one argument as $_ and $args[0].</summary>
        private static void Invoke(ScriptBlock script, object argument) =>
            script.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", argument) }, new[] { argument });

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
