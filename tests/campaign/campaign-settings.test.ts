import { expect, test } from '@playwright/test';
import { campaignChoiceFromEnv, campaignSchedule } from '../../src/campaign/campaign-settings';
import { parseDuration } from '../../src/cli/commands/campaign';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';

test('durations take a unit; anything else is named', () => {
  expect([parseDuration('10m'), parseDuration('90s'), parseDuration('1.5h'), parseDuration('2500ms')]).toEqual([600_000, 90_000, 5_400_000, 2_500]);
  for (const bad of ['10', '5 min', '-3m', '0s']) expect(() => parseDuration(bad)).toThrow(`--duration must be a number with a unit (ms, s, m, h), e.g. 10m or 90s, got "${bad}"`);
});

test('the environment chooses the campaign, defaults fill the rest, and bad values are named', () => {
  expect(campaignChoiceFromEnv({})).toEqual({ durationMs: 300_000, seed: 1, faults: ['kill', 'restart', 'pause', 'partition', 'exchange-drop'], maxConcurrent: 2 });
  expect(campaignChoiceFromEnv({ K2_CAMPAIGN_SEED: '42', K2_CAMPAIGN_FAULTS: 'kill, pause', K2_CAMPAIGN_ROLES: 'broker', K2_CAMPAIGN_MAX_CONCURRENT: '3', K2_CAMPAIGN_DURATION_MS: '120000' }))
    .toEqual({ durationMs: 120_000, seed: 42, faults: ['kill', 'pause'], roles: ['broker'], maxConcurrent: 3 });
  expect(() => campaignChoiceFromEnv({ K2_CAMPAIGN_MAX_CONCURRENT: '0' })).toThrow('K2_CAMPAIGN_MAX_CONCURRENT must be an integer of at least 1, got "0"');
});

test('the CLI and the spec plan the same schedule from the same choice', () => {
  const choice = campaignChoiceFromEnv({ K2_CAMPAIGN_SEED: '42', K2_CAMPAIGN_DURATION_MS: '600000' });
  const all = { networkFaults: true, diskFaults: true };
  expect(campaignSchedule(REFERENCE_MANIFEST, choice, all)).toEqual(campaignSchedule(REFERENCE_MANIFEST, { ...choice }, all));
  const withoutNetwork = campaignSchedule(REFERENCE_MANIFEST, choice, { ...all, networkFaults: false });
  expect(withoutNetwork.skipped).toEqual(['partition: this target has no network faults']);
  expect(withoutNetwork.schedule.faults.some((f) => f.kind === 'partition')).toBe(false);
});
