// The command line run-mediasync.ps1 gets, from the task's inputs; input(name) reads one (the task library's getInput).
const path = require('path');

const text = {
    settingsPath: 'SettingsPath', mediaPath: 'MediaPath', destination: 'Destination', bucket: 'Bucket', prefix: 'Prefix',
    region: 'Region', endpoint: 'Endpoint', maxDelete: 'MaxDelete', maxDeletePercent: 'MaxDeletePercent', arguments: 'ExtraArguments',
};

function scriptArguments(modulePath, input) {
    const args = ['-NoProfile', '-NonInteractive', '-File', path.join(__dirname, 'run-mediasync.ps1'), '-ModulePath', modulePath,
        '-Command', input('command') || 'sync'];
    for (const [name, parameter] of Object.entries(text)) {
        const value = input(name);
        if (value) args.push('-' + parameter, value);
    }
    const flag = name => ['true', 'yes', '1'].includes(String(input(name) || '').toLowerCase());
    if (flag('whatIf')) args.push('-WhatIfRun');
    if (flag('delete')) args.push('-DeleteOrphans');
    return args;
}

module.exports = { scriptArguments };
