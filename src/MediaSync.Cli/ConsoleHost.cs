using System;
using System.Threading;
using MediaSync.Reporting;

namespace MediaSync.Cli
{
    /// <summary>The engine host for a terminal: messages to stderr, -WhatIf as --what-if, no prompts.</summary>
    internal sealed class ConsoleHost : IEngineHost
    {
        private readonly bool _verbose;
        private readonly bool _whatIf;
        private readonly bool _force;

        public ConsoleHost(CancellationToken cancellation, bool verbose, bool whatIf, bool force)
        {
            Cancellation = cancellation;
            _verbose = verbose;
            _whatIf = whatIf;
            _force = force;
        }

        public CancellationToken Cancellation { get; }
        public int ErrorCount { get; private set; }

        public void WriteVerbose(string message)
        {
            if (_verbose) Console.Error.WriteLine("VERBOSE: " + message);
        }

        public void WriteWarning(string message) => Console.Error.WriteLine("WARNING: " + message);

        public void WriteError(MediaSyncError error)
        {
            ErrorCount++;
            Console.Error.WriteLine($"ERROR [{error.Id}]: {error.Message}");
            if (error.RecommendedAction != null) Console.Error.WriteLine("  " + error.RecommendedAction);
        }

        public void WriteProgress(ProgressReport progress) { }

        public bool ShouldProcess(string target, string action)
        {
            if (!_whatIf) return true;
            if (_verbose) Console.Error.WriteLine($"What if: {action} on \"{target}\"");
            return false;
        }

        public bool ShouldProcessHighImpact(string target, string action, string warning)
        {
            if (_whatIf)
            {
                Console.Error.WriteLine($"What if: {action} on \"{target}\"");
                return false;
            }
            if (_force) return true;
            Console.Error.WriteLine($"{warning} Refusing without --force (there is no prompt here).");
            return false;
        }
    }
}
