// node serve.mjs PAGES MEDIA MEDIAURL LOG : serves the folder PAGES at / (index.html for /) and the published folder MEDIA under MEDIAURL on a free
// loopback port (printed as the first line), as S3 serves our uploads: a .br or .gz twin's key is sent as is, with
// Content-Encoding and the original's Content-Type, the metadata MediaSync uploads with it. Each request is appended
// to LOG as a JSON line (path, the client's Accept-Encoding, status, Content-Encoding). Stops when stdin closes.
import http from 'node:http'; import fs from 'node:fs'; import path from 'node:path';
const [pages, media, mediaUrl, log] = process.argv.slice(2);
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.gif': 'image/gif', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.txt': 'text/plain' };
const encodings = { '.br': 'br', '.gz': 'gzip' };

const server = http.createServer((request, response) => {
  const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  const [folder, rest] = pathname.startsWith(mediaUrl) ? [media, pathname.slice(mediaUrl.length)] : [pages, pathname === '/' ? 'index.html' : pathname];
  const file = path.join(folder, rest);
  const inside = path.relative(folder, file).split(path.sep)[0] !== '..';
  const encoding = encodings[path.extname(file)];
  const type = types[path.extname(encoding ? file.slice(0, -path.extname(file).length) : file).toLowerCase()];
  let status = 404, body = 'not found';
  if (inside && fs.existsSync(file) && fs.statSync(file).isFile()) { status = 200; body = fs.readFileSync(file); }
  response.writeHead(status, { 'Content-Type': status === 200 ? type ?? 'application/octet-stream' : 'text/plain',
    'Cache-Control': 'no-store', ...(status === 200 && encoding ? { 'Content-Encoding': encoding } : {}) });
  response.end(body);
  fs.appendFileSync(log, JSON.stringify({ path: pathname, acceptEncoding: request.headers['accept-encoding'] ?? '', status,
    contentEncoding: status === 200 ? encoding ?? '' : '' }) + '\n');
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)).resume();
