using System.Management.Automation;
using MediaSync.Reporting;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>Turns engine errors into ErrorRecords: the one place ids and categories meet PowerShell.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(MediaSyncError error)
        {
            var record = new ErrorRecord(new MediaSyncException(error), error.Id, Category(error.Kind), error.Target);
            if (error.RecommendedAction != null)
                record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction };
            return record;
        }

        public static ErrorCategory Category(ErrorKind kind)
        {
            switch (kind)
            {
                case ErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case ErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case ErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case ErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case ErrorKind.ResourceExists: return ErrorCategory.ResourceExists;
                case ErrorKind.ReadError: return ErrorCategory.ReadError;
                case ErrorKind.WriteError: return ErrorCategory.WriteError;
                case ErrorKind.LimitsExceeded: return ErrorCategory.LimitsExceeded;
                case ErrorKind.NotSupported: return ErrorCategory.NotImplemented;
                case ErrorKind.OperationStopped: return ErrorCategory.OperationStopped;
                default: return ErrorCategory.InvalidOperation;
            }
        }
    }
}
