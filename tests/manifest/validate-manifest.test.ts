import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../../src/manifest/load-manifest';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { ManifestError, validateManifest } from '../../src/manifest/validate-manifest';

const copy = (): any => structuredClone(REFERENCE_MANIFEST);

test('accepts the reference manifest unchanged', () => {
  expect(validateManifest(copy())).toEqual(REFERENCE_MANIFEST);
});

test('names the exact path of every wrong field', () => {
  const bad = copy();
  bad.services.broker = '';
  delete bad.network;
  bad.netwrok = 'k2-net';
  bad.clickhouse.bronzeTables.kraken = 7;
  bad.ports = { olap: 70_000 };
  let error: unknown;
  try {
    validateManifest(bad, 'mine.json');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ManifestError);
  expect((error as ManifestError).problems).toEqual([
    'manifest.services.broker must be a non-empty string',
    'manifest.network is required and must be a non-empty string',
    'manifest.clickhouse.bronzeTables.kraken must be a non-empty string',
    'manifest.ports.olap must be a port number from 1 to 65535',
    'manifest has unknown key "netwrok"',
  ]);
  expect((error as Error).message).toMatch(/^mine\.json: manifest\.services\.broker/);
});

test('refuses a secret where an environment variable name belongs', () => {
  const bad = copy();
  bad.credentials.clickhousePassword = 'hunter2!';
  expect(() => validateManifest(bad)).toThrow('manifest.credentials.clickhousePassword must be an environment variable name');
});

test('loads the shipped k2-v2 manifest by name and the reference by default', async () => {
  const k2 = await loadManifest('k2-v2', { env: {} });
  expect(k2.project).toBe('k2-market-data-platform');
  expect(k2.network).toBe('k2-net');
  expect(k2.services.offload).toBe('spark-iceberg');
  expect(k2.watermarks.columns.tableName).toBe('table_name');
  expect(k2.watermarks.columns.timestamp).toBe('last_offload_timestamp');
  expect((await loadManifest(undefined, { env: {} })).name).toBe('reference');
  expect((await loadManifest(undefined, { env: { K2_MANIFEST: 'k2-v2' } })).name).toBe('k2-v2');
});

test('loads JSON and TypeScript files by path and reports a bad one by file and path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2-manifest-'));
  try {
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ ...copy(), name: 'mine' }));
    expect((await loadManifest('mine.json', { cwd: dir })).name).toBe('mine');
    writeFileSync(join(dir, 'typed.mts'), `export default ${JSON.stringify({ ...copy(), name: 'typed' })};`);
    expect((await loadManifest(join(dir, 'typed.mts'))).name).toBe('typed');
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...copy(), objectStore: {} }));
    await expect(loadManifest('./broken.json', { cwd: dir })).rejects.toThrow(/broken\.json: manifest\.objectStore\.bucket is required/);
    await expect(loadManifest('no-such', { cwd: dir })).rejects.toThrow('manifest "no-such" not found; known manifests: k2-v2, reference');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
