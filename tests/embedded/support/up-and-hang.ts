import { REFERENCE_MANIFEST } from '../../../src/manifest/reference';
import { upEmbeddedStack } from '../../../src/targets/embedded/up-embedded-stack';

/**
 * A stand-in for a test worker: brings up postgres in the run folder given as argv[2], leaves a
 * disconnect fault on it, says "ready" and waits to be killed.
 */
const runDir = process.argv[2];
if (!runDir) throw new Error('usage: up-and-hang.ts RUN_DIR');
const stack = await upEmbeddedStack({ manifest: REFERENCE_MANIFEST, runDir, services: ['postgres'] });
await stack.disconnect('postgres');
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
