using System;
using System.Text.RegularExpressions;

namespace MediaSync.Reporting
{
    /// <summary>
    /// Takes secrets out of what an error says. A server or proxy may echo a request's URL back in its error body, and a
    /// SAS URL carries its signature in the query (<c>sig=…</c>), so every error passes through here
    /// (<see cref="Errors"/>): its message, target, recommended action and exception chain.
    /// </summary>
    internal static class Redaction
    {
        public const string Hidden = "REDACTED";

        // sig (a SAS signature) and AccountKey (a connection string's key), as a query parameter or a connection string
        // setting (after '?', '&', ';', a space or a quote), plain or URL-encoded once or twice ('%26sig%3D…'); the value ends where
        // the parameter does.
        private static readonly Regex Secret = new Regex(
            @"(?<=^|[?&;\s""'(<>,]|%3F|%26|%253F|%2526)(?<name>sig|AccountKey)(?<equals>=|%3D|%253D)(?<value>(?:(?!%26|%2526|%3B|%253B)%[0-9A-Fa-f]{2}|[A-Za-z0-9+/=_\-.~])+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static bool HasSecret(string? text) => text != null && Secret.IsMatch(text);

        public static string Text(string text) =>
            Secret.Replace(text, match => match.Groups["value"].Value == Hidden ? match.Value : match.Groups["name"].Value + match.Groups["equals"].Value + Hidden);

        /// <summary>A string target redacted; any other target as it is (a key, a path, an object the caller gave).</summary>
        public static object? Target(object? target) => target is string text ? Text(text) : target;

        /// <summary>
        /// The exception itself when nothing in its chain says a secret; otherwise a <see cref="RedactedException"/>
        /// chain in its place, with the same messages, types and stack traces redacted (the service's raw response,
        /// which an SDK exception keeps, goes with the original).
        /// </summary>
        public static Exception? Exception(Exception? exception)
        {
            if (exception == null) return null;
            for (var e = exception; e != null; e = e.InnerException)
                if (HasSecret(e.Message) || HasSecret(e.ToString())) return Copy(exception);
            return exception;
        }

        private static RedactedException Copy(Exception exception) =>
            new RedactedException(exception.GetType().FullName ?? exception.GetType().Name, Text(exception.Message),
                exception.StackTrace == null ? null : Text(exception.StackTrace), exception.InnerException == null ? null : Copy(exception.InnerException));
    }

    /// <summary>
    /// An exception whose text held a secret (a SAS signature a server echoed back), kept with the secret taken out.
    /// <see cref="OriginalType"/> names the exception it stands for.
    /// </summary>
    public sealed class RedactedException : Exception
    {
        private readonly string? _stackTrace;

        internal RedactedException(string originalType, string message, string? stackTrace, Exception? inner) : base(message, inner)
        {
            OriginalType = originalType;
            _stackTrace = stackTrace;
        }

        /// <summary>The full name of the exception's type before its secret was taken out, e.g. Azure.RequestFailedException.</summary>
        public string OriginalType { get; }

        public override string? StackTrace => _stackTrace;

        public override string ToString() =>
            $"{OriginalType} (secrets redacted): {Message}"
            + (InnerException == null ? "" : $"{Environment.NewLine} ---> {InnerException}{Environment.NewLine}   --- End of inner exception stack trace ---")
            + (_stackTrace == null ? "" : Environment.NewLine + _stackTrace);
    }
}
