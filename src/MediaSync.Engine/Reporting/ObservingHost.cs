using System.Collections.Generic;

namespace MediaSync.Reporting
{
    /// <summary>Passes everything on, and keeps the warnings and counts the errors, for a cache to judge what it may keep.</summary>
    internal sealed class ObservingHost : ForwardingHost
    {
        private readonly List<string> _warnings = new List<string>();
        private int _errors;

        public ObservingHost(IEngineHost inner) : base(inner) { }

        /// <summary>The warnings so far, in order (a copy).</summary>
        public IReadOnlyList<string> Warnings { get { lock (_warnings) return _warnings.ToArray(); } }

        public int Errors => System.Threading.Volatile.Read(ref _errors);

        public override void WriteWarning(string message)
        {
            lock (_warnings) _warnings.Add(message);
            base.WriteWarning(message);
        }

        public override void WriteError(MediaSyncError error)
        {
            System.Threading.Interlocked.Increment(ref _errors);
            base.WriteError(error);
        }
    }
}
