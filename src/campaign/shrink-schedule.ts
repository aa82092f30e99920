/** One try of the shrink: the faults it ran, and whether the violation came back. */
export interface ShrinkStep {
  /** The fault left out in this try. */
  dropped: number;
  only: number[];
  reproduced: boolean;
}

/**
 * Drops faults from a violating schedule while the violation still reproduces: each fault in
 * turn is left out, and stays out when the run without it still violates. One pass, one run per
 * fault (a campaign run costs minutes, so no search beyond that). The result is 1-minimal only
 * up to nondeterminism: a loss that needs luck may not come back in every run.
 */
export async function shrinkSchedule(
  faults: readonly number[],
  reproduces: (only: number[]) => Promise<boolean>,
  onStep: (step: ShrinkStep) => void = () => undefined,
): Promise<{ kept: number[]; steps: ShrinkStep[] }> {
  let kept = [...faults];
  const steps: ShrinkStep[] = [];
  for (const candidate of faults) {
    if (kept.length <= 1) break;
    const only = kept.filter((n) => n !== candidate);
    const step = { dropped: candidate, only, reproduced: await reproduces(only) };
    steps.push(step);
    onStep(step);
    if (step.reproduced) kept = only;
  }
  return { kept, steps };
}
