using System;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace MediaSync.Tests.Support
{
    /// <summary>
    /// A real server that scripts/NAME.sh starts and stops (Azurite, Keystone): started once for the tests that use it,
    /// and stopped when they are done only if this run started it. Each step is said in the test log.
    /// </summary>
    public abstract class ScriptedServer : IDisposable
    {
        private readonly IMessageSink _messages;
        private readonly string _name;
        private readonly string _script;
        private bool _startedHere;

        protected ScriptedServer(IMessageSink messages, string name, string script) => (_messages, _name, _script) = (messages, name, script);

        /// <summary>Why the server is not there, for the tests that need it to fail with; null when it is.</summary>
        public string? Failure { get; private set; }

        protected void SetFailure(string failure) => Failure = failure;

        /// <summary>Runs the start script and matches its report line; a group named "reused" says it was already running.</summary>
        protected Match? Start(string reportPattern)
        {
            var (exitCode, output) = ServerScript.Run(_script, "start");
            var found = Regex.Match(output, reportPattern);
            if (exitCode != 0 || !found.Success)
            {
                Failure = $"{_name} could not start (scripts/{_script} start, exit {exitCode}): {output}";
                return null;
            }
            _startedHere = !found.Groups["reused"].Success;
            return found;
        }

        protected void SayStarted(string where) => Say(_startedHere
            ? $"{_name}: started at {where} for this run; it is stopped when the tests are done."
            : $"{_name}: reusing the one already running at {where}; it is left running.");

        protected void Say(string message) => _messages.OnMessage(new Xunit.Sdk.DiagnosticMessage(message));

        public void Dispose()
        {
            if (!_startedHere) return;
            var (exitCode, output) = ServerScript.Run(_script, "stop");
            Say(exitCode == 0 ? $"{_name}: stopped the one this run started." : $"{_name}: stopping failed (exit {exitCode}): {output}");
        }
    }
}
