// A stand-in service for the fake process-backed stack: counts up every 20 ms and serves the
// count on GET / and "ok" on GET /health. SIGUSR1 closes its listener (disconnect), SIGUSR2
// reopens it on the same port (connect). Usage: node fake-service.mjs <dir> <name>
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, name] = process.argv.slice(2);
const file = (ext) => join(dir, `${name}.${ext}`);
const read = (ext) => {
  try {
    return readFileSync(file(ext), 'utf8').trim();
  } catch {
    return '';
  }
};

let count = 0;
setInterval(() => count++, 20);
let port = Number(read('port')) || 0;
let server;

function listen() {
  if (server) return;
  server = createServer((req, res) => res.end(req.url === '/health' ? 'ok' : String(count)));
  server.listen(port, '127.0.0.1', () => {
    port = server.address().port;
    writeFileSync(file('port'), String(port));
    console.log(`${name} listening on ${port}`);
  });
}

function close() {
  if (!server) return;
  server.close();
  server.closeAllConnections();
  server = undefined;
  console.log(`${name} disconnected`);
}

process.on('SIGUSR1', close);
process.on('SIGUSR2', listen);
process.on('SIGTERM', () => {
  console.log(`${name} stopping`);
  close();
  process.exit(0);
});
// A service restarted while disconnected stays disconnected, as a container would.
if (read('net') !== 'disconnected') listen();
console.log(`${name} started as pid ${process.pid}`);
