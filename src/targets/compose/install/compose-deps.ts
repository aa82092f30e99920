import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../embedded/run-command';
import { connectDocker } from '../docker-client';
import { debianMirror, systemAptSources } from './apt-sources';

/** Where the docker CLI looks for plugins system-wide. */
export const CLI_PLUGIN_PATH = '/usr/local/lib/docker/cli-plugins/docker-compose';
/** The Debian release whose `docker-compose` package is the Compose v2 CLI plugin (2.26). */
const COMPOSE_V2_SUITE = 'trixie';
const DOCKERD_LOG = '/var/log/k2-chaos-dockerd.log';
const DAEMON_START_TIMEOUT_MS = 60_000;

/** One thing install-deps --compose may do: what, whether it is needed here, and how. */
export interface InstallStep {
  describe: string;
  /** Undefined: nothing to do (already there). */
  needed: string | undefined;
  run: () => Promise<void>;
}

const succeeds = (file: string, args: string[]): Promise<boolean> => runCommand(file, args, { timeoutMs: 20_000 }).then(() => true, () => false);
const hasProgram = (name: string): Promise<boolean> => succeeds('sh', ['-c', `command -v ${name}`]);
const aptHas = (pkg: string): Promise<boolean> => runCommand('apt-cache', ['show', pkg]).then((r) => r.stdout.trim() !== '', () => false);

function inherit(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`\`${file} ${args.join(' ')}\` exited ${code}`))));
  });
}

const aptInstall = (packages: string[]) => inherit('apt-get', ['install', '-y', '--no-install-recommends', ...packages]);

/**
 * Debian trixie's `docker-compose` (the v2 plugin, one static binary) fetched from the system's
 * own Debian mirror with a private list folder: trixie never enters the system's sources.
 */
async function composePluginFromDebian(): Promise<void> {
  const mirror = debianMirror(systemAptSources());
  if (!mirror) throw new Error('no Debian mirror in /etc/apt sources to fetch the Compose v2 plugin from; install docker-compose-plugin (Docker\'s apt repository) by hand');
  const dir = await mkdtemp(join(tmpdir(), 'k2-compose-plugin-'));
  try {
    chmodSync(dir, 0o755);
    const list = join(dir, 'sources.list');
    writeFileSync(list, `deb ${mirror} ${COMPOSE_V2_SUITE} main\n`);
    mkdirSync(join(dir, 'lists/partial'), { recursive: true });
    const apt = ['-o', `Dir::Etc::sourcelist=${list}`, '-o', 'Dir::Etc::sourceparts=-', '-o', `Dir::State::Lists=${join(dir, 'lists')}`, '-o', 'APT::Sandbox::User=root'];
    await runCommand('apt-get', [...apt, 'update'], { timeoutMs: 300_000 });
    await runCommand('sh', ['-c', `cd "${dir}" && apt-get ${apt.map((a) => `'${a}'`).join(' ')} download docker-compose`], { timeoutMs: 300_000 });
    const deb = (await runCommand('sh', ['-c', `ls "${dir}"/docker-compose_*.deb`])).stdout.trim();
    await runCommand('dpkg-deb', ['-x', deb, join(dir, 'root')]);
    const binary = join(dir, 'root/usr/libexec/docker/cli-plugins/docker-compose');
    if (!existsSync(binary)) throw new Error(`${deb} holds no usr/libexec/docker/cli-plugins/docker-compose`);
    mkdirSync(join(CLI_PLUGIN_PATH, '..'), { recursive: true });
    copyFileSync(binary, CLI_PLUGIN_PATH);
    chmodSync(CLI_PLUGIN_PATH, 0o755);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Starts dockerd in the background (no systemd here) and waits until it answers. */
async function startDockerd(): Promise<void> {
  const log = openSync(DOCKERD_LOG, 'a');
  // No iptables: the stack's containers talk to each other and the host, never the outside.
  const child = spawn('dockerd', ['--iptables=false', '--ip6tables=false'], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  const deadline = Date.now() + DAEMON_START_TIMEOUT_MS;
  for (;;) {
    if (await connectDocker().then(() => true, () => false)) return;
    if (child.exitCode !== null) throw new Error(`dockerd exited ${child.exitCode}; see ${DOCKERD_LOG}`);
    if (Date.now() > deadline) throw new Error(`dockerd did not answer within ${DAEMON_START_TIMEOUT_MS / 1000} s; see ${DOCKERD_LOG}`);
    await sleep(500);
  }
}

/**
 * What the compose target needs on Debian or Ubuntu, step by step: the engine, the Compose v2
 * plugin, mmdebstrap for the local images, a running daemon. A machine that has them gets no step.
 */
export async function composeInstallSteps(): Promise<InstallStep[]> {
  const steps: InstallStep[] = [];
  const engineInstalled = await hasProgram('dockerd');
  const engineAnswers = await connectDocker().then(() => true, () => false);
  const apt: string[] = [];
  if (!engineInstalled && !engineAnswers) apt.push('docker.io');
  if (!(await hasProgram('mmdebstrap'))) apt.push('mmdebstrap');
  const composeOk = await succeeds('docker', ['compose', 'version']);
  const ubuntuPlugin = !composeOk && (await aptHas('docker-compose-v2'));
  if (ubuntuPlugin) apt.push('docker-compose-v2');
  steps.push({
    describe: `apt-get install ${apt.join(' ') || '(docker.io, mmdebstrap)'}`,
    needed: apt.length ? `missing: ${apt.join(', ')}` : undefined,
    run: async () => {
      await inherit('apt-get', ['update']);
      await aptInstall(apt);
    },
  });
  steps.push({
    describe: `Compose v2 plugin from Debian ${COMPOSE_V2_SUITE}'s docker-compose, to ${CLI_PLUGIN_PATH} (the system's apt sources stay as they are)`,
    needed: composeOk || ubuntuPlugin ? undefined : '`docker compose version` fails',
    run: composePluginFromDebian,
  });
  steps.push({
    describe: `start dockerd --iptables=false --ip6tables=false (log ${DOCKERD_LOG})`,
    needed: engineAnswers ? undefined : 'no engine answers on the Docker socket',
    run: startDockerd,
  });
  return steps;
}
