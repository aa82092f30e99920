import type { StartedStack } from '../../targets/started-stack';
import type { Fault } from '../fault';

export interface FlapLinkOptions {
  /** How long each down phase lasts. */
  downMs: number;
  /** How long the link stays up between two downs; `downMs` when not given. */
  upMs?: number;
}

/** A flapping link and how often it has gone down so far. */
export interface FlappingLink extends Fault {
  /** Times the link went down (1 right after inject). */
  downs(): number;
}

/**
 * The service's link flaps: off the stack network for `downMs`, back for `upMs`, and so on
 * until heal (`disconnect` and `connect`, as in the seed's partition, over and over). Each time it
 * comes back the clients must reconnect, and each time they have barely done so it goes again.
 * Heal stops the flapping and leaves the link up; rebuilt from the journal, it only reconnects.
 */
export function flapLink(service: string, options: FlapLinkOptions): FlappingLink {
  const downMs = options.downMs;
  const upMs = options.upMs ?? downMs;
  for (const [name, value] of [['downMs', downMs], ['upMs', upMs]] as const) {
    if (!Number.isFinite(value) || value < 100) throw new Error(`flapLink: ${name} must be at least 100 ms, got ${value}`);
  }
  const pattern = upMs === downMs ? `every ${downMs} ms` : `${downMs} ms down, ${upMs} ms up`;
  let downs = 0;
  let stopping: AbortController | undefined;
  let flapping: Promise<void> | undefined;
  const flap = async (stack: StartedStack, signal: AbortSignal) => {
    for (let down = true; ; down = !down) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, down ? downMs : upMs);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (signal.aborted) return;
      if (down) await stack.connect(service);
      else {
        await stack.disconnect(service);
        downs++;
      }
    }
  };
  return {
    name: `flap the link of ${service}: ${pattern}`,
    service,
    action: 'flap-link',
    network: true,
    parameters: { downMs, upMs },
    inject: async (stack) => {
      await stack.disconnect(service);
      downs = 1;
      stopping = new AbortController();
      // A failed toggle ends the flapping; heal still leaves the link up.
      flapping = flap(stack, stopping.signal).catch(() => undefined);
    },
    heal: async (stack) => {
      stopping?.abort();
      await flapping;
      await stack.connect(service);
    },
    confirm: (_before, after) =>
      downs > 0 && !after.connected
        ? { applied: true, detail: `${service}'s link is down, and comes back and goes again (${pattern})` }
        : { applied: false, detail: `${service} is still connected to the stack network` },
    downs: () => downs,
  };
}
