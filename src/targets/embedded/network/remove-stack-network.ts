import { readdir } from 'node:fs/promises';
import { signalProcess } from '../process/signal-group';
import { runCommand } from '../run-command';
import { stackNames } from '../stack-names';

async function stackNamespaces(stackId: string): Promise<string[]> {
  const prefix = stackNames.namespacePrefix(stackId);
  const { stdout } = await runCommand('ip', ['netns', 'list']);
  return stdout.split('\n').map((line) => line.split(' ')[0] ?? '').filter((name) => name.startsWith(prefix));
}

async function stackLinks(stackId: string): Promise<string[]> {
  const names = await readdir('/sys/class/net').catch(() => [] as string[]);
  const vethPrefix = stackNames.vethPrefix(stackId);
  const bridge = stackNames.bridge(stackId);
  return names.filter((name) => name === bridge || (name.startsWith(vethPrefix) && /^\d+$/.test(name.slice(vethPrefix.length))));
}

/**
 * Removes every namespace and link named with this stack id, killing whatever still runs in
 * those namespaces first. Only this stack's names are touched, so another stack keeps running.
 */
export async function removeStackNetwork(stackId: string): Promise<void> {
  for (const namespace of await stackNamespaces(stackId)) {
    const { stdout } = await runCommand('ip', ['netns', 'pids', namespace]).catch(() => ({ stdout: '' }));
    for (const pid of stdout.split('\n').map(Number).filter((n) => n > 0)) signalProcess(pid, 'SIGKILL');
    await runCommand('ip', ['netns', 'del', namespace]);
  }
  for (const link of await stackLinks(stackId)) {
    await runCommand('ip', ['link', 'del', link]).catch((error: Error) => {
      // A veth disappears with its peer's namespace; only a link that is still there is an error.
      if (!/Cannot find device/.test(error.message)) throw error;
    });
  }
}
