using System.Management.Automation;
using MediaSync.Web;

namespace MediaSync.PowerShell.Infrastructure
{
    /// <summary>
    /// Start-MediaServer -AsJob: the server runs in the background; Receive-Job shows its MediaServerInfo and, in the
    /// verbose stream, one line per request; Stop-Job stops it and frees the port.
    /// </summary>
    internal sealed class MediaServerJob : Job
    {
        private MediaServer? _server;

        public MediaServerJob(string command) : base(command, "MediaServer")
        {
            PSJobTypeName = "MediaServerJob";
        }

        /// <summary>Where request lines go, from the threads that serve them.</summary>
        public void Log(string line) => Verbose.Add(new VerboseRecord(line));

        public void Started(MediaServer server)
        {
            _server = server;
            Output.Add(PSObject.AsPSObject(server.Info));
            SetJobState(JobState.Running);
        }

        public override string StatusMessage => _server?.Url.AbsoluteUri ?? "";
        public override bool HasMoreData => Output.Count > 0 || Verbose.Count > 0 || Error.Count > 0;
        public override string Location => _server?.Url.AbsoluteUri ?? "";

        public override void StopJob()
        {
            _server?.Dispose();
            if (!IsFinishedState(JobStateInfo.State)) SetJobState(JobState.Stopped);
        }

        private static bool IsFinishedState(JobState state) => state == JobState.Stopped || state == JobState.Completed || state == JobState.Failed;

        protected override void Dispose(bool disposing)
        {
            if (disposing) StopJob();
            base.Dispose(disposing);
        }
    }
}
