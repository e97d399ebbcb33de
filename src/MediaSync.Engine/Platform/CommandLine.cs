using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MediaSync.Platform
{
    /// <summary>Command lines for child processes (ProcessStartInfo.ArgumentList is missing on netstandard2.0).</summary>
    internal static class CommandLine
    {
        public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

        /// <summary>Quotes one argument for the Windows command-line convention, which .NET also parses on Unix.</summary>
        internal static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"', '\\' }) < 0) return argument;
            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\') { backslashes++; continue; }
                if (c == '"') quoted.Append('\\', backslashes * 2 + 1).Append('"');
                else quoted.Append('\\', backslashes).Append(c);
                backslashes = 0;
            }
            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }
    }
}
