import type { CliCommand } from '../../../cli/command';
import { UsageError } from '../../../cli/command';
import { parseFlags } from '../../../cli/flags';
import { PACKAGE_DIR } from '../../../../scripts/generate-reports';
import { connectDocker } from '../docker-client';
import { buildLocalImages } from './build-local-images';
import { BASE_IMAGES, LOCAL_IMAGES } from './local-images';

const USAGE = `Usage: k2-chaos images build [--rebuild-bases] [--no-cache]

Builds the images docker-compose.local.yml uses, for machines that cannot pull from a registry:
${[...BASE_IMAGES.map((b) => `  ${b.tag.padEnd(34)} mmdebstrap ${b.suite}${b.include.length ? ` + ${b.include.join(', ')}` : ''}`),
  ...LOCAL_IMAGES.map((i) => `  ${i.tag.padEnd(34)} ${i.dockerfile}`)].join('\n')}

Bases are root filesystems made offline by mmdebstrap and imported (kept once made); the others
build FROM them with Docker's layer cache. Needs root, a Docker engine, mmdebstrap, and
node_modules from \`npm ci\` (the pipeline image copies them).

  --rebuild-bases   make the mmdebstrap bases again
  --no-cache        build without Docker's layer cache`;

export const command: CliCommand = {
  summary: 'build the compose images that need no registry (docker-compose.local.yml)',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { 'rebuild-bases': { type: 'boolean' }, 'no-cache': { type: 'boolean' } });
    if (positionals[0] !== 'build' || positionals.length > 1) throw new UsageError(positionals[0] ? `unknown action "${positionals.join(' ')}"; the one action is build` : 'name the action: build');
    await connectDocker();
    const started = performance.now();
    await buildLocalImages({
      projectDir: PACKAGE_DIR, rebuildBases: values['rebuild-bases'], noCache: values['no-cache'],
      log: (line) => console.log(`k2-chaos images: ${line}`),
    });
    console.log(`k2-chaos images: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
};
