import { readFile } from 'node:fs/promises';
import { runCommand } from '../run-command';
import { stackNames } from '../stack-names';

/** What the state file records of one service's network attachment. */
export interface ServiceLink {
  namespace: string;
  veth: string;
  address: string;
}

const ip = (...args: string[]) => runCommand('ip', args);

/** Creates the stack's bridge, carrying the `.1` address so the test process reaches the services. */
export async function createBridge(stackId: string, subnet: string): Promise<string> {
  const bridge = stackNames.bridge(stackId);
  await ip('link', 'add', bridge, 'type', 'bridge');
  await ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
  await ip('link', 'set', bridge, 'up');
  return bridge;
}

/**
 * Gives a service its namespace and a veth pair: `eth0` inside with the service's address, the
 * host end on the bridge. Taking the host end down later is the `disconnect` fault.
 */
export async function attachService(stackId: string, service: string, index: number, address: string): Promise<ServiceLink> {
  const namespace = stackNames.namespace(stackId, service);
  const veth = stackNames.veth(stackId, index);
  await ip('netns', 'add', namespace);
  await ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace);
  await ip('link', 'set', veth, 'master', stackNames.bridge(stackId), 'up');
  await ip('-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
  await ip('-n', namespace, 'link', 'set', 'eth0', 'up');
  await ip('-n', namespace, 'link', 'set', 'lo', 'up');
  return { namespace, veth, address };
}

/** Sets the host end of a service's veth up or down (connect / disconnect). */
export async function setLinkUp(veth: string, up: boolean): Promise<void> {
  await ip('link', 'set', veth, up ? 'up' : 'down');
}

/** Whether the host end of a service's veth is administratively up. */
export async function linkIsUp(veth: string): Promise<boolean> {
  try {
    const flags = Number.parseInt((await readFile(`/sys/class/net/${veth}/flags`, 'utf8')).trim(), 16);
    return (flags & 0x1) === 0x1;
  } catch {
    return false;
  }
}

/** True when this process can create namespaces and links (root with a working `ip netns`). */
export async function netnsSupported(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  try {
    await ip('netns', 'list');
    return true;
  } catch {
    return false;
  }
}
