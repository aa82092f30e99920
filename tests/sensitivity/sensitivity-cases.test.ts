import { expect, test } from '@playwright/test';
import { TEST_DEFECTS } from '../../services/shared/test-defects';
import { CI_DEFECTS, ciSubset, SENSITIVITY_CASES } from '../../src/sensitivity/sensitivity-cases';
import { BEYOND_SEED_FAILURE_MODES, SEED_FAILURE_MODES } from '../../src/report-model/failure-modes';

test('every seeded defect has a case, on a failure mode that exists, with the clean pipeline on the same mode', () => {
  const defects = SENSITIVITY_CASES.filter((c) => c.defect);
  expect(new Set(defects.map((c) => c.defect))).toEqual(new Set(Object.keys(TEST_DEFECTS)));
  const modes = new Set([...Object.keys(SEED_FAILURE_MODES), ...Object.keys(BEYOND_SEED_FAILURE_MODES)]);
  const cleanModes = new Set(SENSITIVITY_CASES.filter((c) => !c.defect).map((c) => c.mode));
  for (const c of defects) {
    expect(modes.has(c.mode), `${c.defect} on ${c.mode}`).toBe(true);
    expect(cleanModes.has(c.mode), `clean on ${c.mode}`).toBe(true);
    expect(c.hop, `${c.defect} names its hop`).toBeTruthy();
    if (c.outcome === 'DATA_VIOLATION') expect(c.invariant, `${c.defect} names its invariant`).toBeTruthy();
  }
  expect(defects.length).toBeGreaterThanOrEqual(10);
  expect(new Set(defects.map((c) => c.hop)).size).toBeGreaterThanOrEqual(7);
});

test('the CI subset is its defects and the clean pipeline on exactly their modes', () => {
  const subset = ciSubset(SENSITIVITY_CASES);
  expect(subset.filter((c) => c.defect).map((c) => c.defect).sort()).toEqual([...CI_DEFECTS].sort());
  const defectModes = new Set(subset.filter((c) => c.defect).map((c) => c.mode));
  expect(new Set(subset.filter((c) => !c.defect).map((c) => c.mode))).toEqual(defectModes);
});
