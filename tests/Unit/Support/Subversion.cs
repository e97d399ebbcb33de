using System;
using Xunit.Abstractions;

namespace MediaSync.Tests.Support
{
    /// <summary>
    /// svn and svnadmin for the tests that make real Subversion repositories: scripts/svn.sh install puts Debian's
    /// subversion on the machine when either is missing (as ceph-rgw.sh does radosgw), once per run. When it cannot,
    /// the tests that need it fail with the script's output; they never skip.
    /// </summary>
    public sealed class Subversion
    {
        private static readonly Lazy<(int ExitCode, string Output)> Installed = new Lazy<(int, string)>(() => ServerScript.Run("svn.sh", "install"));

        public Subversion(IMessageSink messages)
        {
            var (exitCode, output) = Installed.Value;
            if (exitCode != 0) Failure = $"Subversion could not be installed (scripts/svn.sh install, exit {exitCode}): {output}";
            else messages.OnMessage(new Xunit.Sdk.DiagnosticMessage("Subversion: " + output.Trim()));
        }

        /// <summary>Why svn is not there, for the tests that need it to fail with; null when it is.</summary>
        public string? Failure { get; }
    }
}
