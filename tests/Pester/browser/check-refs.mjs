// node --experimental-vm-modules check-refs.mjs DIR MEDIAURL [SOURCE] : the reference checker, independent of
// MediaSync's scanner. Walks every CSS and JS file under DIR and prints, as JSON, each reference that does not resolve
// to a file: CSS url(), @import and sourceMappingURL (a small tokenizer that skips comments and knows strings); JS static
// import/export specifiers as V8 parses them, import("literal"), new URL("literal", import.meta.url) and
// sourceMappingURL. Relative references resolve from the file, root-relative ones under MEDIAURL; bare specifiers,
// absolute URLs, data: and fragments are skipped. With SOURCE (the unpublished media), references that do not resolve
// there either (Preact's extensionless "./constants") are left out, matched by the source file's path (from
// DIR/manifest.json) and the reference.
import vm from 'node:vm'; import fs from 'node:fs'; import path from 'node:path';
const [dir, mediaUrl, source] = process.argv.slice(2);

function* cssReferences(text) {
  const map = /\/\*[#@]\s*sourceMappingURL=([^\s*]+)\s*\*\//.exec(text); if (map) yield ['sourceMappingURL', map[1]];
  let i = 0; const n = text.length;
  const readString = () => { const q = text[i++]; let s = ''; while (i < n && text[i] !== q) { if (text[i] === '\\') i++; s += text[i++]; } i++; return s; };
  const skipSpace = () => { while (/\s/.test(text[i] ?? '')) i++; };
  const readUrl = () => { skipSpace(); if (text[i] === '"' || text[i] === "'") { const s = readString(); return s; }
    let s = ''; while (i < n && text[i] !== ')' && !/\s/.test(text[i])) { if (text[i] === '\\') i++; s += text[i++]; } return s; };
  while (i < n) {
    if (text.startsWith('/*', i)) { const end = text.indexOf('*/', i + 2); i = end < 0 ? n : end + 2; }
    else if (text[i] === '"' || text[i] === "'") readString();
    else if (/^@import/i.test(text.slice(i, i + 7))) { i += 7; skipSpace();
      if (text[i] === '"' || text[i] === "'") yield ['@import', readString()];
      else if (/^url\(/i.test(text.slice(i, i + 4))) { i += 4; yield ['@import', readUrl()]; } }
    else if (/^url\(/i.test(text.slice(i, i + 4)) && !/[\w-]/.test(text[i - 1] ?? '')) { i += 4; yield ['url()', readUrl()]; }
    else i++;
  }
}

function* jsReferences(text, file) {
  const map = /^[ \t]*\/\/[#@]\s*sourceMappingURL=(\S+)/m.exec(text); if (map) yield ['sourceMappingURL', map[1]];
  let specifiers = [];
  try { specifiers = new vm.SourceTextModule(text, { identifier: file }).dependencySpecifiers; } catch { /* a classic script */ }
  for (const s of specifiers) yield ['import', s];
  for (const m of text.matchAll(/(?<!{)\bimport\(\s*(["'])([^"'\n]+)\1\s*\)/g)) yield ['import()', m[2]];
  for (const m of text.matchAll(/new URL\(\s*(["'])([^"'\n]+)\1\s*,\s*import\.meta\.url/g)) yield ['new URL()', m[2]];
}

function unresolved(root) {
  const found = []; let files = 0, references = 0;
  const walk = d => { for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { walk(p); continue; }
    const css = /\.css$/i.test(e.name), js = /\.m?js$/i.test(e.name); if (!css && !js) continue;
    files++; const text = fs.readFileSync(p, 'utf8');
    for (const [kind, reference] of css ? cssReferences(text) : jsReferences(text, p)) {
      if (!reference || reference.startsWith('#') || reference.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(reference)) continue;
      const rootRelative = reference.startsWith('/');
      if (!rootRelative && !reference.startsWith('./') && !reference.startsWith('../') && (kind === 'import' || kind === 'import()')) continue; // bare
      references++;
      const target = decodeURIComponent(reference.split(/[?#]/)[0]);
      const full = rootRelative ? (target.startsWith(mediaUrl) ? path.join(root, target.slice(mediaUrl.length)) : null) : path.resolve(path.dirname(p), target);
      if (!full || !fs.existsSync(full) || !fs.statSync(full).isFile())
        found.push({ file: path.relative(root, p).split(path.sep).join('/'), kind, reference });
    }
  } };
  walk(root);
  return { files, references, unresolved: found };
}

const published = unresolved(dir);
if (source) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const logical = new Map(); // published path -> logical path
  const entries = manifest.files ?? {};
  for (const [key, value] of Object.entries(entries)) {
    const target = typeof value === 'string' ? value : value.key ?? key;
    logical.set(String(target).replace(/^\/+/, ''), key);
  }
  const original = new Set(unresolved(source).unresolved.map(r => `${r.file}\n${r.kind}\n${r.reference}`));
  published.excused = published.unresolved.filter(r => original.has(`${logical.get(r.file) ?? r.file}\n${r.kind}\n${r.reference}`)).length;
  published.unresolved = published.unresolved.filter(r => !original.has(`${logical.get(r.file) ?? r.file}\n${r.kind}\n${r.reference}`));
}
console.log(JSON.stringify(published, null, 1));
