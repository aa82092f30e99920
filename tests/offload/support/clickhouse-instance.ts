import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { freePort } from './free-port';

const SERVER = '/usr/sbin/clickhouse-server';
const PACKAGED_CONFIG = '/etc/clickhouse-server';

/** A throwaway ClickHouse server with a private config copy, data in a temp dir, on free ports. */
export interface ClickHouseInstance {
  url: string;
  client: ClickHouseClient;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startClickHouse(): Promise<ClickHouseInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'k2-ch-'));
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const [httpPort, tcpPort, interPort] = [await freePort(), await freePort(), await freePort()];
  const config = (await readFile(join(PACKAGED_CONFIG, 'config.xml'), 'utf8'))
    .replace(/<log>[^<]*<\/log>/, `<log>${dir}/server.log</log>`)
    .replace(/<errorlog>[^<]*<\/errorlog>/, `<errorlog>${dir}/server.err.log</errorlog>`)
    .replace(/<http_port>\d+<\/http_port>/, `<http_port>${httpPort}</http_port>`)
    .replace(/<tcp_port>\d+<\/tcp_port>/, `<tcp_port>${tcpPort}</tcp_port>`)
    .replace(/<interserver_http_port>\d+<\/interserver_http_port>/, `<interserver_http_port>${interPort}</interserver_http_port>`)
    .replace(/<path>\/var\/lib\/clickhouse\/<\/path>/, `<path>${dir}/</path>`)
    .replace(/<tmp_path>[^<]*<\/tmp_path>/, `<tmp_path>${dir}/tmp/</tmp_path>`)
    .replace(/<user_files_path>[^<]*<\/user_files_path>/, `<user_files_path>${dir}/user_files/</user_files_path>`)
    .replace(/<format_schema_path>[^<]*<\/format_schema_path>/, `<format_schema_path>${dir}/format_schemas/</format_schema_path>`)
    .replace(/<users_config>[^<]*<\/users_config>/, `<users_config>${dir}/users.xml</users_config>`);
  await writeFile(join(dir, 'config.xml'), config);
  await writeFile(join(dir, 'users.xml'), await readFile(join(PACKAGED_CONFIG, 'users.xml')));
  const url = `http://127.0.0.1:${httpPort}`;
  const client = createClient({ url, username: 'default', password: '', log: { level: ClickHouseLogLevel.OFF } });
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    child = spawn(SERVER, [`--config-file=${dir}/config.xml`], { cwd: dir, stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (!(await client.ping()).success) {
      if (child.exitCode !== null) throw new Error(`clickhouse exited with ${child.exitCode}; see ${dir}/server.err.log`);
      if (Date.now() > deadline) throw new Error('clickhouse did not answer ping within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  async function signal(sig: NodeJS.Signals): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill(sig);
    await new Promise((r) => c.once('exit', r));
  }
  await start();
  return {
    url,
    client,
    kill: () => signal('SIGKILL'),
    start,
    async stop() {
      await client.close();
      await signal('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
