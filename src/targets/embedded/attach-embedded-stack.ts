import { resolve } from 'node:path';
import { EmbeddedStack } from './embedded-stack';
import { linkIsUp } from './network/stack-network';
import { readStackState } from './stack-state';
import { access } from 'node:fs/promises';

/**
 * Drives a stack another process brought up (`k2-chaos up`, a worker that died), found through
 * the state file in its run folder. Its faults can be injected and healed from here.
 */
export async function attachEmbeddedStack(runDir: string): Promise<EmbeddedStack> {
  const dir = resolve(runDir);
  const state = await readStackState(dir);
  if (!state) throw new Error(`no embedded stack in ${dir} (no state file); start one with \`npx k2-chaos up --run-dir ${dir}\``);
  if (state.network) {
    const bridgeUp = await access(`/sys/class/net/${state.network.bridge}`).then(() => linkIsUp(state.network!.bridge), () => false);
    if (!bridgeUp) throw new Error(`the embedded stack in ${dir} is gone (bridge ${state.network.bridge} missing); run \`npx k2-chaos up\` again`);
  }
  return new EmbeddedStack(state);
}
