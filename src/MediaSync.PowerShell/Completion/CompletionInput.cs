using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Completion
{
    /// <summary>
    /// What every MediaSync completer shares: the word typed (without the quote it may start with), the values already
    /// bound, the session's paths, and results quoted so that they paste back as one argument.
    /// </summary>
    internal sealed class CompletionInput
    {
        public CompletionInput(string wordToComplete, IDictionary bound)
        {
            var word = wordToComplete ?? "";
            Quote = word.Length > 0 && (word[0] == '\'' || word[0] == '"') ? word[0] : (char?)null;
            Prefix = Quote is char quote ? word.Substring(1).TrimEnd(quote) : word;
            Bound = bound ?? new Hashtable();
        }

        /// <summary>What was typed of the value, unquoted.</summary>
        public string Prefix { get; }

        public char? Quote { get; }

        public IDictionary Bound { get; }

        /// <summary>A bound value as strings: one string, or the elements of an array; none when not bound.</summary>
        public IReadOnlyList<string> Strings(string name) => Flatten(Bound.Contains(name) ? Bound[name] : null);

        public string? String(string name) => Strings(name).FirstOrDefault();

        public bool Switch(string name) => Bound.Contains(name) && LanguagePrimitives.IsTrue(Bound[name]);

        /// <summary>The session's paths: the current location and its drives, as the command would resolve them.</summary>
        public static PathIntrinsics SessionPaths()
        {
            using (var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace))
                return (PathIntrinsics)shell.AddScript("$ExecutionContext.SessionState.Path").Invoke()[0].BaseObject;
        }

        /// <summary>Completion results for <paramref name="values"/>, quoted as the word was, or in single quotes where they need it.</summary>
        public IEnumerable<CompletionResult> Results(IEnumerable<string> values) =>
            values.Select(value => new CompletionResult(Quoted(value), value, CompletionResultType.ParameterValue, value)).ToList();

        internal string Quoted(string value)
        {
            if (Quote == '"') return "\"" + value.Replace("`", "``").Replace("$", "`$").Replace("\"", "`\"") + "\"";
            return Quote == '\'' || NeedsQuotes(value) ? "'" + value.Replace("'", "''") + "'" : value;
        }

        // what the parser would read as something else than one bare word: blanks, quotes, and the characters that
        // start a variable, a subexpression, a splat, a comment, a list, a redirection or a new statement
        private static bool NeedsQuotes(string value) =>
            value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || "'\"`$&(){}[]@#;,|<>".IndexOf(c) >= 0 || c == '\u2018' || c == '\u2019');

        /// <summary>Runs a completer's work; what a half-typed command line gets wrong gives no results, never an error at the prompt.</summary>
        public static IEnumerable<CompletionResult> Safely(Func<IEnumerable<CompletionResult>> complete)
        {
            try { return complete(); }
            catch (Exception e) when (e is MediaSyncException || e is SessionStateException || e is IOException || e is UnauthorizedAccessException
                || e is ArgumentException || e is NotSupportedException || e is PSInvalidCastException || e is ParseException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }

        internal static IReadOnlyList<string> Flatten(object? value)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (value == null) return new string[0];
            if (value is string single) return new[] { single };
            if (value is IEnumerable many) return many.Cast<object?>().SelectMany(Flatten).ToList();
            return new[] { value.ToString() ?? "" };
        }
    }
}
