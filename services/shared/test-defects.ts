/**
 * Seeded defects for proving that the chaos suite catches a broken pipeline. Test-only: chosen
 * by `K2_TEST_DEFECTS=name[,name]` in a service's environment at start, never on by default.
 * Each is a realistic bug, named for what it breaks.
 */
export const TEST_DEFECTS = {
  'gold-minutes-by-ingestion-time': 'the gold view buckets trades by ingestion time instead of trade time, so trades near a minute\'s edge land in the next minute',
  'feed-handler-skips-gap-fill': "the feed handler's REST gap fill finds nothing (a broken history client), so trades missed while it was down are given up as unrecoverable",
} as const;

export type TestDefect = keyof typeof TEST_DEFECTS;

/** The defects the environment selects; an unknown name is an error naming the known ones. */
export function selectedTestDefects(env: NodeJS.ProcessEnv = process.env): Set<TestDefect> {
  const names = (env.K2_TEST_DEFECTS ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of names) {
    if (!(name in TEST_DEFECTS)) throw new Error(`K2_TEST_DEFECTS names an unknown defect "${name}"; known: ${Object.keys(TEST_DEFECTS).join(', ')}`);
  }
  return new Set(names as TestDefect[]);
}
