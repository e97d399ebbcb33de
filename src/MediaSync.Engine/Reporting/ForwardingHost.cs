using System.Threading;

namespace MediaSync.Reporting
{
    /// <summary>A host that passes every call on to another; a wrapper overrides only what it changes.</summary>
    internal abstract class ForwardingHost : IEngineHost
    {
        protected ForwardingHost(IEngineHost inner) => Inner = inner;

        protected IEngineHost Inner { get; }

        public CancellationToken Cancellation => Inner.Cancellation;
        public virtual void WriteVerbose(string message) => Inner.WriteVerbose(message);
        public virtual void WriteWarning(string message) => Inner.WriteWarning(message);
        public virtual void WriteError(MediaSyncError error) => Inner.WriteError(error);
        public virtual void WriteProgress(ProgressReport progress) => Inner.WriteProgress(progress);
        public virtual bool ShouldProcess(string target, string action) => Inner.ShouldProcess(target, action);
        public virtual bool ShouldProcessHighImpact(string target, string action, string warning) => Inner.ShouldProcessHighImpact(target, action, warning);
    }
}
