// The MediaSync pipeline task: runs Sync-Media (or Publish-Media) through run-mediasync.ps1 in pwsh, with the module
// bundled beside this file, reads its one JSON result line, sets the output variables, logs each failed file as an
// error issue, uploads a markdown summary, and fails the task when a file failed or a delete guard refused.
const fs = require('fs');
const os = require('os');
const path = require('path');
const tl = require('azure-pipelines-task-lib/task');
const { scriptArguments } = require('./arguments');

const RESULT = '##mediasync-result ';

function shell() {
    const pwsh = tl.which('pwsh', false);
    if (pwsh) return pwsh;
    if (process.platform === 'win32') {
        const windowsPowerShell = tl.which('powershell', false);
        if (windowsPowerShell) return windowsPowerShell;
    }
    throw new Error(tl.loc('PwshNotFound'));
}

/** Credentials from the service connection, for the AWS SDK's chain in the child; marked secret first. */
function credentials() {
    const connection = tl.getInput('serviceConnection', false);
    const env = {};
    if (connection) {
        const access = tl.getEndpointAuthorizationParameter(connection, 'username', true);
        const secret = tl.getEndpointAuthorizationParameter(connection, 'password', true);
        if (secret) tl.setSecret(secret);
        if (access) env.AWS_ACCESS_KEY_ID = access;
        if (secret) env.AWS_SECRET_ACCESS_KEY = secret;
    }
    if (process.env.AWS_SECRET_ACCESS_KEY) tl.setSecret(process.env.AWS_SECRET_ACCESS_KEY);
    return env;
}

function summaryMarkdown(result) {
    const lines = [`## MediaSync${result.whatIf ? ' (plan, nothing written)' : ''}`, '',
        `| uploaded | skipped | deleted | failed | orphans kept |`, `|---:|---:|---:|---:|---:|`,
        `| ${result.uploaded} | ${result.skipped} | ${result.deleted} | ${result.failed} | ${result.orphansKept} |`, ''];
    if (result.changed.length) {
        lines.push('| action | reason | file |', '|---|---|---|');
        for (const change of result.changed) lines.push(`| ${change.action} | ${change.reason} | \`${change.key}\` |`);
    }
    return lines.join('\n') + '\n';
}

async function run() {
    tl.setResourcePath(path.join(__dirname, 'task.json'));
    try {
        const modulePath = process.env.MEDIASYNC_TASK_MODULE || path.join(__dirname, 'module', 'MediaSync', 'MediaSync.psd1');
        const cwd = tl.getInput('workingDirectory', false) || process.cwd();
        const tool = tl.tool(shell()).arg(scriptArguments(modulePath, name => tl.getInput(name, false)));
        const run = tool.execSync({ cwd, env: { ...process.env, ...credentials() }, silent: true });
        const line = (run.stdout || '').split(/\r?\n/).find(l => l.startsWith(RESULT));
        if (!line) throw new Error(tl.loc('NoResult', ((run.stdout || '') + (run.stderr || '')).trim().slice(-2000)));
        const result = JSON.parse(line.slice(RESULT.length));

        for (const name of ['uploaded', 'skipped', 'deleted', 'failed']) tl.setVariable(name, String(result[name]), false, true);
        tl.setVariable('manifestPath', result.manifestPath || '', false, true);
        for (const error of result.errors) tl.command('task.logissue', { type: 'error', sourcepath: error.key, code: error.id }, `${error.key}: ${error.message}`);
        const summary = path.join(tl.getVariable('Agent.TempDirectory') || os.tmpdir(), 'mediasync-summary.md');
        fs.writeFileSync(summary, summaryMarkdown(result));
        tl.uploadSummary(summary);

        const changedSomething = result.uploaded + result.deleted > 0;
        if (result.failed > 0) tl.setResult(tl.TaskResult.Failed, tl.loc('FilesFailed', result.failed));
        else if (result.orphansKept > 0 && !result.whatIf && changedSomething) tl.setResult(tl.TaskResult.Failed, tl.loc('DeletesRefused', result.orphansKept));
        else if (result.orphansKept > 0 && !result.whatIf) tl.setResult(tl.TaskResult.SucceededWithIssues, tl.loc('NothingChangedDeletesRefused', result.orphansKept));
        else if (result.errors.length > 0) tl.setResult(tl.TaskResult.Failed, result.errors[0].message);
        else tl.setResult(tl.TaskResult.Succeeded, tl.loc('Done', `${result.uploaded} uploaded, ${result.skipped} skipped, ${result.deleted} deleted`));
    } catch (err) {
        tl.setResult(tl.TaskResult.Failed, err.message);
    }
}

run();
