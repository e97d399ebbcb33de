// An L0 runner: the task with its tool calls answered, as azure-pipelines-task-lib/mock-run plays them. The test sets
// MEDIASYNC_L0_INPUTS (JSON of inputs), MEDIASYNC_L0_RESULT (the JSON line pwsh "prints"), MEDIASYNC_L0_NO_PWSH.
const path = require('path');
const mr = require('azure-pipelines-task-lib/mock-run');

const task = path.join(__dirname, '..', 'index.js');
const runner = new mr.TaskMockRunner(task);
const inputs = JSON.parse(process.env.MEDIASYNC_L0_INPUTS || '{}');
for (const [name, value] of Object.entries(inputs)) runner.setInput(name, value);
process.env.MEDIASYNC_TASK_MODULE = '/task/module/MediaSync.psd1';
if (process.env.MEDIASYNC_L0_SECRET) {
    process.env.ENDPOINT_AUTH_PARAMETER_S3_USERNAME = 'AKIAEXAMPLE';
    process.env.ENDPOINT_AUTH_PARAMETER_S3_PASSWORD = process.env.MEDIASYNC_L0_SECRET;
    process.env.ENDPOINT_AUTH_S3 = JSON.stringify({ parameters: { username: 'AKIAEXAMPLE', password: process.env.MEDIASYNC_L0_SECRET }, scheme: 'UsernamePassword' });
}

// The command line the task must build, from the same inputs: the answer is keyed by it.
const { scriptArguments } = require('../arguments');
const pwsh = '/usr/bin/pwsh';
const line = [pwsh, ...scriptArguments(process.env.MEDIASYNC_TASK_MODULE, name => inputs[name])].join(' ');
runner.setAnswers({
    which: { pwsh: process.env.MEDIASYNC_L0_NO_PWSH ? '' : pwsh, powershell: '' },
    checkPath: { [pwsh]: true },
    exec: { [line]: { code: 0, stdout: 'loading\n##mediasync-result ' + (process.env.MEDIASYNC_L0_RESULT || '{}') + '\n' } },
});
console.log('expected command: ' + line);
runner.run();
