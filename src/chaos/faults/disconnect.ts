import type { Fault } from '../fault';

/** Cuts the service off the stack network (`docker network disconnect`); heal reconnects it. */
export function disconnect(service: string): Fault {
  return {
    name: `disconnect ${service}`,
    service,
    action: 'disconnect',
    network: true,
    inject: (stack) => stack.disconnect(service),
    heal: (stack) => stack.connect(service),
    confirm: (_before, after) =>
      after.connected
        ? { applied: false, detail: `${service} is still connected to the stack network` }
        : { applied: true, detail: `${service} is disconnected from the stack network` },
  };
}
