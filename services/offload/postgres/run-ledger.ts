import type pg from 'pg';

export type RunState = 'SCHEDULED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** Inserts a run as SCHEDULED; an id already present is left as it is. */
export async function insertScheduledRun(client: pg.ClientBase, id: string, table: string, trigger: string, workerId: string): Promise<void> {
  await client.query(
    `INSERT INTO offload_runs (id, table_name, trigger, state, worker_id) VALUES ($1, $2, $3, 'SCHEDULED', $4) ON CONFLICT (id) DO NOTHING`,
    [id, table, trigger, workerId]);
}

export async function markRunRunning(client: pg.ClientBase, id: string, startSec: number, endSec: number): Promise<void> {
  await client.query(
    `UPDATE offload_runs SET state = 'RUNNING', window_start = to_timestamp($2), window_end = to_timestamp($3), started_at = now()
      WHERE id = $1`, [id, startSec, endSec]);
}

/** Inside the commit transaction: the run is COMPLETED exactly when its snapshot is. */
export async function markRunCompleted(client: pg.ClientBase, id: string, rows: number, files: number, snapshotId: number | null): Promise<void> {
  await client.query(
    `UPDATE offload_runs SET state = 'COMPLETED', row_count = $2, file_count = $3, snapshot_id = $4, error = NULL, finished_at = now()
      WHERE id = $1`, [id, rows, files, snapshotId]);
}

/**
 * Records a failed run. Upserts, because a run that failed while Postgres was unreachable is
 * written only once Postgres answers again.
 */
export async function markRunFailed(client: pg.ClientBase, f: { id: string; table: string; trigger: string; workerId: string; error: string; window?: { startSec: number; endSec: number } }): Promise<void> {
  await client.query(
    `INSERT INTO offload_runs (id, table_name, trigger, state, worker_id, error, window_start, window_end, finished_at)
     VALUES ($1, $2, $3, 'FAILED', $4, $5, to_timestamp($6), to_timestamp($7), now())
     ON CONFLICT (id) DO UPDATE SET state = 'FAILED', error = EXCLUDED.error, finished_at = now(),
       window_start = COALESCE(offload_runs.window_start, EXCLUDED.window_start), window_end = COALESCE(offload_runs.window_end, EXCLUDED.window_end)
     WHERE offload_runs.state <> 'COMPLETED'`,
    [f.id, f.table, f.trigger, f.workerId, f.error.slice(0, 2000), f.window?.startSec ?? null, f.window?.endSec ?? null]);
}

/**
 * Runs of `table` left SCHEDULED or RUNNING by a worker that died. Only called while holding the
 * table's offload lock, so no live run can be among them.
 */
export async function recoverStaleRuns(client: pg.ClientBase, table: string, exceptId: string): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `UPDATE offload_runs SET state = 'FAILED', finished_at = now(),
            error = COALESCE(error, 'interrupted: the worker stopped before the run finished')
      WHERE table_name = $1 AND state IN ('SCHEDULED', 'RUNNING') AND id <> $2 RETURNING id`, [table, exceptId]);
  return rows.map((r) => r.id);
}
