import { spawn } from 'node:child_process';
import type { CliCommand } from '../../../cli/command';
import { UsageError } from '../../../cli/command';
import { parseFlags } from '../../../cli/flags';
import { runCommand } from '../run-command';

/** Debian packages the embedded target needs, and what each is for. */
export const EMBEDDED_PACKAGES: ReadonlyArray<{ name: string; why: string; fallback?: string }> = [
  { name: 'clickhouse-server', why: 'the olap service (ClickHouse)' },
  { name: 'postgresql-15', why: 'the catalogDb service (PostgreSQL 15)', fallback: 'postgresql' },
  { name: 'iproute2', why: '`ip netns`, veth pairs and the bridge' },
  { name: 'util-linux', why: '`setpriv`, to run services as their own user; `nsenter` for compose one-way partitions; `losetup` and `mount` for disks of their own' },
  { name: 'e2fsprogs', why: '`mkfs.ext4` and `e2fsck`: the broker\'s own disk, and its repair after the read-only disk fault' },
  { name: 'iptables', why: 'one-way partitions: drop rules inside a service\'s network namespace' },
  { name: 'kcat', why: 'looking at the broker by hand' },
  { name: 'chromium', why: 'the browser checks (Playwright drives Debian\'s chromium)' },
];

const USAGE = `Usage: k2-chaos install-deps [--compose] [--dry-run]

Installs with apt-get the Debian packages the embedded target needs (as root):
${EMBEDDED_PACKAGES.map((p) => `  ${p.name.padEnd(18)} ${p.why}`).join('\n')}

  --compose         also what the compose target needs, where it is missing: Docker Engine
                    (docker.io), the Compose v2 CLI plugin (Ubuntu's docker-compose-v2, or
                    Debian trixie's docker-compose binary fetched from the system's own mirror
                    without adding trixie to its sources), mmdebstrap for the local images; and
                    starts dockerd when no engine answers. A machine with Docker is left alone.
  --dry-run         print what would be done (every embedded package, installed or not) and do nothing`;

async function installCompose(dryRun: boolean): Promise<number> {
  const { composeInstallSteps } = await import('../../compose/install/compose-deps');
  for (const step of await composeInstallSteps()) {
    if (!step.needed) {
      console.log(`k2-chaos install-deps --compose: nothing to do for: ${step.describe}`);
      continue;
    }
    console.log(`k2-chaos install-deps --compose: ${step.describe} (${step.needed})`);
    if (dryRun) continue;
    try {
      await step.run();
    } catch (error) {
      console.error(`k2-chaos install-deps --compose: ${(error as Error).message}`);
      return 1;
    }
  }
  return 0;
}

async function available(pkg: string): Promise<boolean> {
  return runCommand('apt-cache', ['show', pkg]).then((r) => r.stdout.trim() !== '', () => false);
}

async function installed(pkg: string): Promise<boolean> {
  return runCommand('dpkg-query', ['-W', '-f=${Status}', pkg]).then((r) => r.stdout.includes('install ok installed'), () => false);
}

function aptGet(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function installEmbedded(dryRun: boolean): Promise<number> {
  const packages: string[] = [];
  for (const pkg of EMBEDDED_PACKAGES) {
    packages.push(pkg.fallback && !(await available(pkg.name)) ? pkg.fallback : pkg.name);
  }
  const missing: string[] = [];
  for (const pkg of packages) if (dryRun || !(await installed(pkg))) missing.push(pkg);
  if (missing.length === 0) {
    console.log(`k2-chaos install-deps: already installed: ${packages.join(' ')}`);
    return 0;
  }
  const args = ['install', '-y', '--no-install-recommends', ...missing];
  console.log(`k2-chaos install-deps: apt-get update && apt-get ${args.join(' ')}`);
  if (dryRun) return 0;
  if (process.getuid?.() !== 0) {
    console.error('k2-chaos install-deps: apt-get needs root; run `sudo npx k2-chaos install-deps`, or the apt-get commands above as root.');
    return 1;
  }
  // A fresh machine has no package lists yet; without them apt-get finds nothing to install.
  const updated = await aptGet(['update']);
  if (updated !== 0) return updated;
  return aptGet(args);
  }

export const command: CliCommand = {
  summary: 'install the Debian packages the embedded target needs (apt-get, as root)',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { 'dry-run': { type: 'boolean' }, compose: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const embedded = await installEmbedded(Boolean(values['dry-run']));
    if (embedded !== 0 || !values.compose) return embedded;
    if (process.getuid?.() !== 0 && !values['dry-run']) {
      console.error('k2-chaos install-deps --compose: needs root; run it with sudo.');
      return 1;
    }
    return installCompose(Boolean(values['dry-run']));
  },
};
