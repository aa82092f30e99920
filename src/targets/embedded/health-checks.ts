import { Socket } from 'node:net';
import { servicePort as portOf, type HealthCheck } from './service-definition';

/** Healthy when `GET path` on the named port answers 2xx. */
export function httpHealth(portName: string, path: string): HealthCheck {
  return {
    describe: (ctx) => `GET ${path} on ${ctx.host}:${portOf(ctx, portName)}`,
    async check(ctx, signal) {
      const response = await fetch(`http://${ctx.host}:${portOf(ctx, portName)}${path}`, { signal });
      const body = await response.text();
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
    },
  };
}

/** Healthy when the named port accepts a TCP connection. */
export function tcpHealth(portName: string): HealthCheck {
  return {
    describe: (ctx) => `TCP connect to ${ctx.host}:${portOf(ctx, portName)}`,
    check: (ctx, signal) => new Promise<void>((resolve, reject) => {
      const socket = new Socket();
      const fail = (error: Error): void => { socket.destroy(); reject(error); };
      signal.addEventListener('abort', () => fail(new Error('timed out')), { once: true });
      socket.once('error', fail);
      socket.connect(portOf(ctx, portName), ctx.host, () => { socket.destroy(); resolve(); });
    }),
  };
}
