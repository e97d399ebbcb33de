using System.Collections.Generic;

namespace MediaSync.Reporting
{
    /// <summary>
    /// Passes everything to the host but per-item errors, which it keeps, so that a run whose caller stops at the first
    /// error (-ErrorAction Stop) still tries every item and then ends with one error naming them all.
    /// </summary>
    internal sealed class ErrorCollectingHost : ForwardingHost
    {
        private readonly List<MediaSyncError> _errors;

        public ErrorCollectingHost(IEngineHost host, List<MediaSyncError> errors) : base(host) => _errors = errors;

        public override void WriteError(MediaSyncError error)
        {
            _errors.Add(error);
            Inner.WriteVerbose("ERROR: " + error.Message);
        }
    }
}
