using System;

namespace MediaSync.Reporting
{
    /// <summary>What kind of failure an error is; cmdlets map it to PowerShell's ErrorCategory.</summary>
    public enum ErrorKind
    {
        NotFound,
        InvalidArgument,
        InvalidData,
        PermissionDenied,
        ResourceExists,
        ReadError,
        WriteError,
        LimitsExceeded,
        NotSupported,
        InvalidOperation,
        OperationStopped,
    }

    /// <summary>One error with a stable id. Build these only through <see cref="Errors"/>.</summary>
    public sealed class MediaSyncError
    {
        internal MediaSyncError(string id, ErrorKind kind, string message, object? target, Exception? exception, string? recommendedAction)
        {
            Id = id;
            Kind = kind;
            Message = message;
            Target = target;
            Exception = exception;
            RecommendedAction = recommendedAction;
        }

        /// <summary>Stable identifier, e.g. <c>MediaSync.TargetNotALink</c>; scripts may match on it.</summary>
        public string Id { get; }
        public ErrorKind Kind { get; }
        public string Message { get; }
        public object? Target { get; }
        public Exception? Exception { get; }
        public string? RecommendedAction { get; }

        public override string ToString() => Message;
    }

    /// <summary>A terminating error: bad arguments or a refused operation. Carries its <see cref="MediaSyncError"/>.</summary>
    public sealed class MediaSyncException : Exception
    {
        public MediaSyncException(MediaSyncError error) : base(error.Message, error.Exception) => Error = error;
        public MediaSyncError Error { get; }
    }
}
