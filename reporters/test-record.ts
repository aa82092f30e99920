import { relative } from 'node:path';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { CampaignRecord } from '../src/campaign/campaign-record';
import type { ChaosRecord } from '../src/report-model/chaos-record';
import type { RunTestRecord, TestOutcome } from '../src/report-model/run-record';
import { readTestAttachments } from './read-attachments';
import { failureModeFromTags } from '../src/report-model/failure-modes';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

const firstLine = (text: string) => text.replace(ANSI, '').split('\n').find((l) => l.trim())?.trim() ?? '';

function outcomeOf(record: ChaosRecord | undefined, status: TestResult['status'], campaign?: CampaignRecord): TestOutcome {
  if (status === 'skipped') return record?.outcome ?? 'SKIPPED';
  if (campaign) return campaign.verdict === 'PASS' && status !== 'passed' ? 'ERROR' : campaign.verdict;
  if (!record) return status === 'passed' ? 'NO_RECORD' : 'ERROR';
  // A PASS verdict on a failed test means something after the experiment failed (a heal, a
  // teardown); the row must not read as a pass.
  if (record.outcome === 'PASS' && status !== 'passed') return 'ERROR';
  return record.outcome;
}

/** What the run record keeps of one finished test. */
export function buildTestRecord(test: TestCase, result: TestResult, rootDir: string): RunTestRecord {
  const { record, stack, observers, campaign, problems } = readTestAttachments(result);
  const errors = [...problems, ...result.errors.map((e) => firstLine(e.message ?? e.value ?? '')).filter(Boolean)];
  const annotations = [...test.annotations, ...(result.annotations ?? [])];
  const skip = annotations.find((a) => a.type === 'skip' || a.type === 'fixme');
  return {
    id: test.id,
    title: test.title,
    titlePath: test.titlePath().filter(Boolean),
    location: `${relative(rootDir, test.location.file)}:${test.location.line}`,
    tags: test.tags,
    repeatEachIndex: test.repeatEachIndex,
    retry: result.retry,
    failureMode: record?.failureMode ?? failureModeFromTags(test.tags),
    outcome: outcomeOf(record, result.status, campaign),
    status: result.status,
    startedAt: result.startTime.toISOString(),
    durationMs: result.duration,
    errors,
    skipReason: result.status === 'skipped' ? skip?.description : undefined,
    record,
    stack,
    ...(observers ? { observers } : {}),
    ...(campaign ? { campaign } : {}),
  };
}
