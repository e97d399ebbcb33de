using System.IO;
using MediaSync.Tests.Support;
using Xunit;

namespace MediaSync.Tests.Scripts
{
    /// <summary>scripts/pidfile.sh's stop_process, which every server script stops its server with.</summary>
    public sealed class StopProcessTests
    {
        [Fact]
        public void A_process_that_outlives_sigterm_past_the_grace_period_is_killed()
        {
            // an Azurite once logged "successfully closed" and lived on, holding its port
            var pid = StartDetached("trap '' TERM");
            var (exitCode, output) = Bash($". scripts/pidfile.sh; MEDIASYNC_STOP_GRACE_SECONDS=1 stop_process {pid}");

            Assert.Equal(0, exitCode);
            Assert.Contains($"process {pid} did not stop within 1 s of SIGTERM; killing it", output);
            Assert.False(Alive(pid), $"process {pid} still runs");
        }

        [Fact]
        public void A_process_that_honours_sigterm_is_stopped_without_being_killed()
        {
            var pid = StartDetached("");
            var (exitCode, output) = Bash($". scripts/pidfile.sh; MEDIASYNC_STOP_GRACE_SECONDS=5 stop_process {pid}");

            Assert.Equal(0, exitCode);
            Assert.DoesNotContain("killing it", output);
            Assert.False(Alive(pid), $"process {pid} still runs");
        }

        /// <summary>A sleep that init adopts (its parent exits), as a server started with nohup is, so nothing here holds it as a zombie.</summary>
        private static int StartDetached(string setup)
        {
            var (exitCode, output) = Bash($"{setup}{(setup.Length > 0 ? "; " : "")}sleep 600 >/dev/null 2>&1 & echo $!");
            Assert.Equal(0, exitCode);
            var pid = int.Parse(output.Trim());
            Assert.True(Alive(pid), $"the sleep {pid} did not start");
            return pid;
        }

        private static bool Alive(int pid)
        {
            try { return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "); }  // a zombie has stopped
            catch (IOException) { return false; }  // gone from /proc
        }

        private static (int ExitCode, string Output) Bash(string command) => ServerScript.Bash("-c", command);
    }
}
