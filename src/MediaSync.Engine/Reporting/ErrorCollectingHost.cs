using System.Collections.Generic;
using System.Threading;

namespace MediaSync.Reporting
{
    /// <summary>
    /// Passes everything to the host but per-item errors, which it keeps, so that a run whose caller stops at the first
    /// error (-ErrorAction Stop) still tries every item and then ends with one error naming them all.
    /// </summary>
    internal sealed class ErrorCollectingHost : IEngineHost
    {
        private readonly IEngineHost _host;
        private readonly List<MediaSyncError> _errors;

        public ErrorCollectingHost(IEngineHost host, List<MediaSyncError> errors)
        {
            _host = host;
            _errors = errors;
        }

        public CancellationToken Cancellation => _host.Cancellation;
        public void WriteVerbose(string message) => _host.WriteVerbose(message);
        public void WriteWarning(string message) => _host.WriteWarning(message);
        public void WriteError(MediaSyncError error)
        {
            _errors.Add(error);
            _host.WriteVerbose("ERROR: " + error.Message);
        }
        public void WriteProgress(ProgressReport progress) => _host.WriteProgress(progress);
        public bool ShouldProcess(string target, string action) => _host.ShouldProcess(target, action);
        public bool ShouldProcessHighImpact(string target, string action, string warning) => _host.ShouldProcessHighImpact(target, action, warning);
    }
}
