import { join } from 'node:path';
import { freePort } from './free-port';
import type { ServiceDefinition } from './service-definition';
import type { ServiceStateRecord } from './stack-state';

/** Service addresses start here in a stack subnet; .1 is the bridge. */
const FIRST_HOST_OCTET = 10;
const LOOPBACK = '127.0.0.1';

/**
 * Gives every service of the stack (started or not, so endpoints are complete) its address,
 * ports, folder and log file. On a private address each keeps its conventional ports; on
 * loopback each port is a free one, since all services share one address.
 */
export async function allocateServices(definitions: Map<string, ServiceDefinition>, runDir: string, subnet: string | undefined): Promise<Record<string, ServiceStateRecord>> {
  const records: Record<string, ServiceStateRecord> = {};
  let index = 0;
  for (const definition of definitions.values()) {
    const host = subnet ? `${subnet}.${FIRST_HOST_OCTET + index}` : LOOPBACK;
    const ports: Record<string, number> = {};
    for (const [name, port] of Object.entries(definition.ports)) ports[name] = subnet ? port : await freePort(LOOPBACK);
    records[definition.name] = {
      host, ports,
      dataDir: join(runDir, 'services', definition.name),
      logFile: join(runDir, 'logs', `${definition.name}.log`),
    };
    index += 1;
  }
  return records;
}
