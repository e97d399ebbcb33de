// The command line run-mediasync.ps1 gets, from the task's inputs; input(name) reads one (the task library's getInput).
// In a matrix job (strategy: parallel: N) the agent sets SYSTEM_JOBPOSITIONINPHASE and SYSTEM_TOTALJOBSINPHASE: they
// become -Shard i/N when no shard input is given, so N parallel jobs each publish their part.
const path = require('path');

const text = {
    settingsPath: 'SettingsPath', mediaPath: 'MediaPath', destination: 'Destination', bucket: 'Bucket', prefix: 'Prefix',
    region: 'Region', endpoint: 'Endpoint', maxDelete: 'MaxDelete', maxDeletePercent: 'MaxDeletePercent', arguments: 'ExtraArguments',
};

/** The shard input, else the pipeline's own position when it runs more than one job; '' for a whole run. */
function shard(input, env) {
    if (input('shard')) return input('shard');
    const position = env.SYSTEM_JOBPOSITIONINPHASE, total = env.SYSTEM_TOTALJOBSINPHASE;
    return position && Number(total) > 1 ? `${position}/${total}` : '';
}

function scriptArguments(modulePath, input, env = process.env) {
    const args = ['-NoProfile', '-NonInteractive', '-File', path.join(__dirname, 'run-mediasync.ps1'), '-ModulePath', modulePath,
        '-Command', input('command') || 'sync'];
    for (const [name, parameter] of Object.entries(text)) {
        const value = input(name);
        if (value) args.push('-' + parameter, value);
    }
    const flag = name => ['true', 'yes', '1'].includes(String(input(name) || '').toLowerCase());
    if (flag('whatIf')) args.push('-WhatIfRun');
    if (flag('delete')) args.push('-DeleteOrphans');
    // the delete-only job runs once over the whole input, so it never takes the pipeline's position
    if (flag('deleteOnly')) args.push('-DeleteOnly');
    else if (shard(input, env)) args.push('-Shard', shard(input, env));
    return args;
}

module.exports = { scriptArguments };
