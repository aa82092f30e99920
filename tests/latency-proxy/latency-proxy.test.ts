import { expect, test } from '@playwright/test';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { startLatencyProxy } from '../../services/latency-proxy/latency-proxy';

async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as { port: number }).port };
}

function client(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `text` and resolves with the ms until `bytes` came back, and what came back. */
function roundTrip(socket: Socket, text: string, bytes = text.length): Promise<{ ms: number; echoed: string }> {
  return new Promise((resolve) => {
    const start = Date.now();
    let echoed = '';
    const onData = (chunk: Buffer) => {
      echoed += chunk.toString();
      if (echoed.length >= bytes) {
        socket.off('data', onData);
        resolve({ ms: Date.now() - start, echoed });
      }
    };
    socket.on('data', onData);
    socket.write(text);
  });
}

test('replies are held for the latency; requests pass at once', async () => {
  const echo = await echoServer();
  const proxy = await startLatencyProxy({ listenHost: '127.0.0.1', listenPort: 0, targetHost: '127.0.0.1', targetPort: echo.port, latencyMs: 150, jitterMs: 0 });
  const direct = await client(echo.port);
  const through = await client(proxy.port);
  const fast = await roundTrip(direct, 'ping');
  const slow = await roundTrip(through, 'ping');
  expect(slow.echoed).toBe('ping');
  expect(slow.ms).toBeGreaterThanOrEqual(145);
  expect(fast.ms).toBeLessThan(slow.ms);
  expect(proxy.connections()).toBe(1);
  direct.destroy();
  through.destroy();
  await proxy.close();
  echo.server.close();
});

test('jitter never reorders the stream', async () => {
  const echo = await echoServer();
  const proxy = await startLatencyProxy({ listenHost: '127.0.0.1', listenPort: 0, targetHost: '127.0.0.1', targetPort: echo.port, latencyMs: 40, jitterMs: 40 });
  const socket = await client(proxy.port);
  const sent = Array.from({ length: 200 }, (_, i) => `${i};`).join('');
  const received = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.length >= sent.length) resolve(text);
    });
  });
  for (const piece of sent.match(/.{1,7}/g)!) {
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  expect(await received).toBe(sent);
  socket.destroy();
  await proxy.close();
  echo.server.close();
});

test('the service going away closes the client side too, and bad settings are named', async () => {
  const echo = await echoServer();
  const proxy = await startLatencyProxy({ listenHost: '127.0.0.1', listenPort: 0, targetHost: '127.0.0.1', targetPort: echo.port, latencyMs: 10, jitterMs: 0 });
  const socket = await client(proxy.port);
  await roundTrip(socket, 'x');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  echo.server.close();
  await proxy.close();
  await closed;
  await expect(startLatencyProxy({ listenHost: '127.0.0.1', listenPort: 0, targetHost: '127.0.0.1', targetPort: 1, latencyMs: 10, jitterMs: 20 }))
    .rejects.toThrow('latency proxy: jitterMs must be from 0 to latencyMs (10), got 20');
});
