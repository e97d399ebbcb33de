// L0 tests: the task under azure-pipelines-task-lib's mock runner, with pwsh's answer played back.
const assert = require('node:assert');
const path = require('node:path');
const test = require('node:test');
const { MockTestRunner } = require('azure-pipelines-task-lib/mock-test');

const result = (changes = {}) => JSON.stringify({
    uploaded: 3, skipped: 5, deleted: 1, failed: 0, orphansKept: 0, whatIf: false, manifestPath: '/site/out/public/manifest.json',
    changed: [{ action: 'Created', reason: 'New', key: 'css/site.css' }], errors: [], ...changes,
});

async function runTask(inputs, env = {}) {
    Object.assign(process.env, { MEDIASYNC_L0_INPUTS: JSON.stringify(inputs), MEDIASYNC_L0_RESULT: result(), MEDIASYNC_L0_NO_PWSH: '', MEDIASYNC_L0_SECRET: '', SYSTEM_JOBPOSITIONINPHASE: '', SYSTEM_TOTALJOBSINPHASE: '' }, env);
    const runner = new MockTestRunner(path.join(__dirname, 'runner.js'), path.join(__dirname, '..', 'task.json'));
    runner.nodePath = process.execPath;   // the node running these tests; the runner would download one otherwise
    await runner.runAsync();
    return runner;
}

test('maps the inputs to the one right call of run-mediasync.ps1', async () => {
    const run = await runTask({ command: 'sync', settingsPath: '/site/mediasync.json', bucket: 'media', prefix: 'site', endpoint: 'http://127.0.0.1:7490', whatIf: 'true', delete: 'true', maxDelete: '10', arguments: '-Checksum' });
    assert.ok(run.succeeded, run.stdout);
    const command = run.stdout.split('\n').find(l => l.startsWith('expected command: '));
    for (const part of ['-Command sync', '-SettingsPath /site/mediasync.json', '-Bucket media', '-Prefix site', '-Endpoint http://127.0.0.1:7490', '-MaxDelete 10', '-ExtraArguments -Checksum', '-WhatIfRun', '-DeleteOrphans', '-ModulePath /task/module/MediaSync.psd1'])
        assert.ok(command.includes(part), `${part} missing from ${command}`);
});

const commandOf = run => run.stdout.split('\n').find(l => l.startsWith('expected command: '));

test('gives a job of a parallel matrix its part as -Shard, unless a shard is given or the job deletes orphans', async () => {
    const matrix = { SYSTEM_JOBPOSITIONINPHASE: '2', SYSTEM_TOTALJOBSINPHASE: '4' };
    const part = await runTask({ command: 'sync' }, matrix);
    assert.ok(part.succeeded, part.stdout);
    assert.ok(commandOf(part).endsWith(' -Shard 2/4'), commandOf(part));
    const given = await runTask({ command: 'sync', shard: '1/3' }, matrix);
    assert.ok(given.succeeded && commandOf(given).endsWith(' -Shard 1/3'), commandOf(given));
    const alone = await runTask({ command: 'sync' }, { SYSTEM_JOBPOSITIONINPHASE: '1', SYSTEM_TOTALJOBSINPHASE: '1' });
    assert.ok(alone.succeeded && !commandOf(alone).includes('-Shard'), commandOf(alone));
    const orphans = await runTask({ command: 'sync', deleteOnly: 'true' }, matrix);
    assert.ok(orphans.succeeded && commandOf(orphans).endsWith(' -DeleteOnly'), commandOf(orphans));
});

test('sets the output variables from the result and uploads a summary', async () => {
    const run = await runTask({ command: 'sync' });
    assert.ok(run.succeeded, run.stdout);
    for (const [name, value] of [['uploaded', '3'], ['skipped', '5'], ['deleted', '1'], ['failed', '0'], ['manifestPath', '/site/out/public/manifest.json']])
        assert.ok(run.stdout.includes(`##vso[task.setvariable variable=${name};isOutput=true;issecret=false;]${value}`), `${name}=${value} not set:\n${run.stdout}`);
    assert.ok(run.stdout.includes('##vso[task.uploadsummary]'), run.stdout);
});

test('fails with one error issue per failed file, named by its key', async () => {
    const run = await runTask({ command: 'sync' }, {
        MEDIASYNC_L0_RESULT: result({ failed: 1, errors: [{ id: 'MediaSync.StoreWriteFailed', key: 'js/app.js', message: 'Could not write js/app.js (SlowDown, HTTP 503)' }] }),
    });
    assert.ok(run.failed);
    assert.ok(run.stdout.includes('##vso[task.logissue type=error;sourcepath=js/app.js;code=MediaSync.StoreWriteFailed;]js/app.js: Could not write'), run.stdout);
    assert.ok(run.stdout.includes('##vso[task.complete result=Failed;]loc_mock_FilesFailed 1'), run.stdout);   // the mock runner shows loc keys
});

test('fails when a delete guard refused after changes, and only warns when nothing changed', async () => {
    const tripped = await runTask({ command: 'sync', delete: 'true' }, { MEDIASYNC_L0_RESULT: result({ orphansKept: 300, deleted: 0 }) });
    assert.ok(tripped.failed);
    assert.ok(tripped.stdout.includes('loc_mock_DeletesRefused 300'), tripped.stdout);
    const quiet = await runTask({ command: 'sync', delete: 'true' }, { MEDIASYNC_L0_RESULT: result({ orphansKept: 300, deleted: 0, uploaded: 0, changed: [] }) });
    assert.ok(quiet.succeeded, quiet.stdout);
    assert.ok(quiet.stdout.includes('result=SucceededWithIssues'), quiet.stdout);
});

test('says clearly when pwsh cannot be found', async () => {
    const run = await runTask({ command: 'sync' }, { MEDIASYNC_L0_NO_PWSH: '1' });
    assert.ok(run.failed);
    assert.ok(run.stdout.includes('##vso[task.complete result=Failed;]loc_mock_PwshNotFound'), run.stdout);
});

test('marks the service connection secret and never echoes it', async () => {
    const secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
    const run = await runTask({ command: 'sync', serviceConnection: 'S3' }, { MEDIASYNC_L0_SECRET: secret, SYSTEM_DEBUG: 'true' });
    assert.ok(run.succeeded, run.stdout);
    const lines = run.stdout.split('\n');
    const registered = lines.findIndex(l => l === '##vso[task.setsecret]' + secret);
    assert.ok(registered >= 0, 'the secret was not registered');
    // The agent masks a service connection's secrets in every line, debug ones included, once they are registered;
    // nothing the task writes itself (variables, issues, the result, the command line) carries it.
    assert.deepStrictEqual(lines.filter(l => l.includes(secret) && !l.startsWith('##vso[task.setsecret]') && !l.includes(' auth param ')), []);
});
