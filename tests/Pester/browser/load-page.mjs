// node load-page.mjs URL : loads URL in headless Chromium over the DevTools protocol (--remote-debugging-pipe, so
// node's built-ins suffice) and prints one JSON report: every request with its status or failure, console errors and
// exceptions, document.fonts, images' naturalWidth, and the text of #math, #lit and #preact.
import { spawn } from 'node:child_process';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';

const url = process.argv[2];
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mediasync-chromium-'));
const chrome = spawn(process.env.CHROMIUM || 'chromium', ['--headless=new', '--remote-debugging-pipe', '--no-first-run',
  '--no-default-browser-check', '--disable-gpu', '--no-sandbox', '--disable-extensions', '--disable-background-networking',
  `--user-data-dir=${profile}`, '--window-size=1280,4000', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let stderr = ''; chrome.stderr.on('data', d => { stderr += d; });
const toChrome = chrome.stdio[3], fromChrome = chrome.stdio[4];

let nextId = 1, buffer = '';
const pending = new Map(), listeners = [];
function send(method, params = {}, sessionId) {
  const id = nextId++;
  toChrome.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
}
fromChrome.on('data', chunk => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf('\0')) >= 0) {
    const message = JSON.parse(buffer.slice(0, end)); buffer = buffer.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject, method } = pending.get(message.id); pending.delete(message.id);
      message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result);
    } else for (const listener of listeners) listener(message);
  }
});

const requests = new Map(), errors = [];
listeners.push(({ method, params }) => {
  if (method === 'Network.requestWillBeSent')
    requests.set(params.requestId, { url: params.request.url });
  else if (method === 'Network.responseReceived') {
    const r = requests.get(params.requestId) ?? {}; const h = params.response.headers;
    const header = name => Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
    Object.assign(r, { status: params.response.status, contentType: header('content-type'), contentEncoding: header('content-encoding') });
    requests.set(params.requestId, r);
  } else if (method === 'Network.loadingFailed') {
    const r = requests.get(params.requestId) ?? {}; r.failed = params.errorText + (params.blockedReason ? ` (${params.blockedReason})` : '');
    requests.set(params.requestId, r);
  } else if (method === 'Runtime.exceptionThrown')
    errors.push(params.exceptionDetails.exception?.description ?? params.exceptionDetails.text);
  else if (method === 'Runtime.consoleAPICalled' && params.type === 'error')
    errors.push(params.args.map(a => a.value ?? a.description).join(' '));
  else if (method === 'Log.entryAdded' && params.entry.level === 'error')
    errors.push(`${params.entry.text} ${params.entry.url ?? ''}`.trim());
});

// The page is done when its module script has filled the three divs and every font and image has settled.
const probe = `(async () => {
  for (let i = 0; i < 200 && !['math', 'lit', 'preact'].every(id => document.getElementById(id)?.textContent); i++)
    await new Promise(r => setTimeout(r, 50));
  await document.fonts.ready;
  await Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
  return {
    fonts: [...document.fonts].map(f => ({ family: f.family.replace(/["']/g, ''), weight: f.weight, style: f.style, status: f.status })),
    images: [...document.images].map(i => ({ src: i.currentSrc || i.src, naturalWidth: i.naturalWidth })),
    content: Object.fromEntries(['math', 'lit', 'preact'].map(id => [id, document.getElementById(id)?.textContent ?? ''])),
  };
})()`;

let report;
try {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  for (const domain of ['Network', 'Runtime', 'Log', 'Page']) await send(`${domain}.enable`, {}, sessionId);
  await send('Network.setCacheDisabled', { cacheDisabled: true }, sessionId);
  const loaded = new Promise(resolve => listeners.push(m => m.method === 'Page.loadEventFired' && resolve()));
  await send('Page.navigate', { url }, sessionId);
  await loaded;
  const { result, exceptionDetails } = await send('Runtime.evaluate', { expression: probe, awaitPromise: true, returnByValue: true }, sessionId);
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  // the favicon (and anything else late) may still be on its way: a request in flight is not a failure yet
  for (let i = 0; i < 100 && [...requests.values()].some(r => r.status === undefined && !r.failed); i++)
    await new Promise(r => setTimeout(r, 50));
  report = { requests: [...requests.values()], errors, ...result.value };
} catch (e) {
  report = { error: `${e.message}\n${stderr.slice(-2000)}`, requests: [...requests.values()], errors };
} finally {
  try { await Promise.race([send('Browser.close'), new Promise(r => setTimeout(r, 2000))]); } catch { }
  const exited = new Promise(r => chrome.exitCode !== null ? r() : chrome.once('exit', r));
  chrome.kill();
  await exited;
  // Chromium's helpers may still be closing files in the profile: removing it is best effort.
  try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); } catch { }
}
process.stdout.write(JSON.stringify(report, null, 1) + '\n');
process.exit(0);
