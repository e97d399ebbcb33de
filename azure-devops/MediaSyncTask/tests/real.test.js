// The real thing: the handler itself (index.js, no mocks) running the built module in the pwsh from the local .NET
// tool, as an agent runs it: inputs come in as INPUT_* variables, and the output variables are read back from the
// ##vso[task.setvariable …] lines it writes. MEDIASYNC_TASK_MODULE names the built module, MEDIASYNC_PWSH_DIR the
// folder holding pwsh, MEDIASYNC_S3_* the Ceph gateway (dotnet test passes all of them).
const assert = require('node:assert');
const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const repo = path.resolve(__dirname, '..', '..', '..');

function runHandler(inputs, env = {}, settings = null, folder = null) {
    const work = folder || fs.mkdtempSync(path.join(os.tmpdir(), 'mediasync-task-'));
    if (!folder) fs.cpSync(path.join(repo, 'examples', 'site'), path.join(work, 'site'), { recursive: true });
    if (settings) fs.writeFileSync(path.join(work, 'mediasync.json'), settings);
    const variables = Object.fromEntries(Object.entries(inputs).map(([k, v]) => ['INPUT_' + k.toUpperCase(), v]));
    const run = cp.spawnSync(process.execPath, [path.join(__dirname, '..', 'index.js')], {
        cwd: work, encoding: 'utf8', timeout: 180000,
        env: {
            PATH: (process.env.MEDIASYNC_PWSH_DIR ? process.env.MEDIASYNC_PWSH_DIR + path.delimiter : '') + process.env.PATH,
            HOME: process.env.HOME, DOTNET_ROOT: process.env.DOTNET_ROOT, AGENT_TEMPDIRECTORY: work,
            MEDIASYNC_TASK_MODULE: process.env.MEDIASYNC_TASK_MODULE, ...variables, ...env,
        },
    });
    const outputs = {};
    for (const [, name, value] of run.stdout.matchAll(/##vso\[task\.setvariable variable=([^;]+);isOutput=true;[^\]]*\](.*)/g)) outputs[name] = value;
    const result = (run.stdout.match(/##vso\[task\.complete result=([^;]+);/) || [])[1];
    return { work, outputs, result, stdout: run.stdout + run.stderr };
}

test('publishes the example site to a local folder from its settings, then a re-run changes nothing', () => {
    assert.ok(process.env.MEDIASYNC_TASK_MODULE, 'MEDIASYNC_TASK_MODULE must name the built module');
    // the example's own settings publish two folders up; these publish inside the test's folder
    const settings = JSON.stringify({ Roots: ['site/media'], Apps: ['site/apps/blog', 'site/apps/shop'], Bundles: { 'css/all.css': ['css/site.css', 'blog/blog.css'] },
        Processors: ['Minify'], Fingerprint: true, Compress: true, Store: { Type: 'Folder', Path: 'out/public' } });
    const first = runHandler({ command: 'sync', settingsPath: 'mediasync.json' }, {}, settings);
    assert.strictEqual(first.result, 'Succeeded', first.stdout);
    assert.ok(Number(first.outputs.uploaded) > 10, first.stdout);
    assert.strictEqual(first.outputs.failed, '0');
    assert.strictEqual(first.outputs.manifestPath, path.join(first.work, 'out', 'public', 'manifest.json'));
    assert.ok(fs.existsSync(first.outputs.manifestPath));
    assert.ok(fs.readFileSync(path.join(first.work, 'mediasync-summary.md'), 'utf8').includes('| Created | New |'));
    const again = runHandler({ command: 'sync', settingsPath: path.join(first.work, 'mediasync.json') }, {}, null, first.work);
    assert.strictEqual(again.outputs.uploaded, '0', again.stdout);
});

test('publishes a media folder to S3 on the Ceph gateway, with the keys from the environment', () => {
    assert.ok(process.env.MEDIASYNC_S3_ENDPOINT, 'MEDIASYNC_S3_ENDPOINT must name the Ceph gateway');
    const bucket = 'task-' + Math.random().toString(16).slice(2, 12);
    const keys = { AWS_ACCESS_KEY_ID: process.env.MEDIASYNC_S3_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: process.env.MEDIASYNC_S3_SECRET_KEY };
    const made = cp.spawnSync(process.env.MEDIASYNC_PWSH_DIR ? path.join(process.env.MEDIASYNC_PWSH_DIR, 'pwsh') : 'pwsh', ['-NoProfile', '-Command',
        `Import-Module '${process.env.MEDIASYNC_TASK_MODULE}'; (New-MediaStore -S3 -Bucket ${bucket} -EndpointUrl ${process.env.MEDIASYNC_S3_ENDPOINT} -ForcePathStyle).EnsureBucket()`],
        { env: { ...process.env, ...keys }, encoding: 'utf8' });
    assert.strictEqual(made.status, 0, made.stdout + made.stderr);
    const run = runHandler({ command: 'publish', mediaPath: 'site/media', bucket, endpoint: process.env.MEDIASYNC_S3_ENDPOINT, delete: 'true' }, keys);
    assert.strictEqual(run.result, 'Succeeded', run.stdout);
    assert.strictEqual(run.outputs.uploaded, '4', run.stdout);
    // registered for the agent to mask (that line is the agent's, and it never shows), and echoed nowhere else
    const lines = run.stdout.split('\n').filter(l => l.includes(process.env.MEDIASYNC_S3_SECRET_KEY));
    assert.deepStrictEqual(lines, ['##vso[task.setsecret]' + process.env.MEDIASYNC_S3_SECRET_KEY]);
});

// issue 24: the task refuses, as the cmdlets do, a destination that holds its own media, and loses nothing
test('refuses to publish media into the project that holds it with delete on, and every file stays', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'mediasync-task-overlap-'));
    const files = { 'README.md': '# readme', 'main.cs': 'class Main { }', 'media/css/a.css': 'a{}', 'media/css/b.css': 'b{}', 'media/css/i.png': 'png' };
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
        fs.writeFileSync(path.join(project, name), text);
    }
    // the agent's temp folder (the task library's key, the summary) elsewhere, so the project holds only its own files
    const agentTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'mediasync-task-agent-'));
    const run = runHandler({ command: 'publish', mediaPath: 'media', destination: '.', delete: 'true' }, { AGENT_TEMPDIRECTORY: agentTemp }, null, project);
    assert.strictEqual(run.result, 'Failed', run.stdout);
    // the refusal is the task's error issue, with its id, not 'printed no result'
    assert.match(run.stdout, /##vso\[task\.logissue type=error;[^\]]*code=MediaSync\.DestinationOverlapsSource;[^\]]*\][^\n]*Refusing to publish/);
    for (const [name, text] of Object.entries(files)) assert.strictEqual(fs.readFileSync(path.join(project, name), 'utf8'), text, name);
    assert.deepStrictEqual(fs.readdirSync(project).sort(), ['README.md', 'main.cs', 'media']);
});
