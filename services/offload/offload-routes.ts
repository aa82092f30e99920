import type { RouteHandler } from '../shared/service-http';
import { readJson, sendJson } from '../shared/service-http';
import type { OffloadWorker, TriggerOptions } from './offload-worker';

/**
 * The worker's control API:
 * - `GET /status`: state, current run and phase (`uploading` is when a chaos spec kills), recent runs, alert flag.
 * - `POST /runs` `{ tables?, holdAt?: "uploading", wait?: boolean }`: trigger a cycle now (202 with
 *   its number; with `wait`, 200 with its runs once finished).
 * - `POST /runs/release`: let a held run continue.
 */
export function offloadRoutes(worker: OffloadWorker): RouteHandler[] {
  return [
    (req, res, url) => {
      if (req.method !== 'GET' || url.pathname !== '/status') return false;
      sendJson(res, 200, worker.getStatus());
    },
    async (req, res, url) => {
      if (req.method !== 'POST' || url.pathname !== '/runs/release') return false;
      const released = worker.releaseHold();
      sendJson(res, released ? 200 : 409, released ? { released: true } : { error: 'no run is held' });
    },
    async (req, res, url) => {
      if (req.method !== 'POST' || url.pathname !== '/runs') return false;
      let body: { tables?: unknown; holdAt?: unknown; wait?: unknown };
      try {
        body = (await readJson(req)) as typeof body;
      } catch (error) {
        sendJson(res, 400, { error: `body must be JSON: ${(error as Error).message}` });
        return;
      }
      const problem = validate(body);
      if (problem) {
        sendJson(res, 400, { error: problem });
        return;
      }
      const options: TriggerOptions = { trigger: 'manual' };
      if (body.tables) options.tables = body.tables as string[];
      if (body.holdAt) options.holdAt = 'uploading';
      let triggered: ReturnType<OffloadWorker['trigger']>;
      try {
        triggered = worker.trigger(options);
      } catch (error) {
        sendJson(res, 400, { error: (error as Error).message });
        return;
      }
      if (body.wait === true || url.searchParams.get('wait') === 'true') {
        const runs = await triggered.done;
        sendJson(res, 200, { cycle: triggered.cycle, runs });
      } else {
        triggered.done.catch(() => undefined);
        sendJson(res, 202, { cycle: triggered.cycle });
      }
    },
  ];
}

function validate(body: { tables?: unknown; holdAt?: unknown; wait?: unknown }): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  if (body.tables !== undefined && (!Array.isArray(body.tables) || !body.tables.every((t) => typeof t === 'string'))) return 'tables must be an array of table names';
  if (body.holdAt !== undefined && body.holdAt !== 'uploading') return 'holdAt must be "uploading"';
  if (body.wait !== undefined && typeof body.wait !== 'boolean') return 'wait must be a boolean';
  return undefined;
}
