import { CAMPAIGN_RECORD_ATTACHMENT, type CampaignRecord } from '../src/campaign/campaign-record';
import { readFileSync } from 'node:fs';
import type { TestResult } from '@playwright/test/reporter';
import { CHAOS_RECORD_ATTACHMENT, OBSERVER_ATTACHMENT, STACK_INFO_ATTACHMENT, type ChaosRecord, type ObserverRecord, type StackInfo } from '../src/report-model/chaos-record';

/** allure-js's own calls travel as attachments of this type; they are not ours to read. */
export const ALLURE_MESSAGE_CONTENT_TYPE = 'application/vnd.allure.message+json';

export interface TestAttachments {
  record?: ChaosRecord;
  stack?: StackInfo;
  observers?: ObserverRecord[];
  campaign?: CampaignRecord;
  /** Attachments that were ours but unreadable, each naming what is wrong. */
  problems: string[];
}

type Attachment = TestResult['attachments'][number];

function readJson(attachment: Attachment): unknown {
  const text = attachment.body ? attachment.body.toString('utf8') : attachment.path ? readFileSync(attachment.path, 'utf8') : undefined;
  if (text === undefined) throw new Error('has neither body nor path');
  return JSON.parse(text);
}

function chaosRecordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not a JSON object';
  const r = value as Partial<ChaosRecord>;
  if (r.schemaVersion !== 1) return `has schemaVersion ${JSON.stringify(r.schemaVersion)}, expected 1`;
  if (typeof r.failureMode?.number !== 'number' || typeof r.failureMode.name !== 'string') return 'lacks failureMode { number, name }';
  if (typeof r.outcome !== 'string') return 'lacks outcome';
  if (!r.marks || !r.durations || !Array.isArray(r.timeline) || !Array.isArray(r.invariants) || !Array.isArray(r.faults)) {
    return 'lacks marks, durations, timeline, invariants or faults';
  }
  return undefined;
}

/** The ChaosRecord and StackInfo a test attached; the last one wins when attached twice. */
export function readTestAttachments(result: TestResult): TestAttachments {
  const found: TestAttachments = { problems: [] };
  for (const attachment of result.attachments) {
    if (attachment.contentType === ALLURE_MESSAGE_CONTENT_TYPE) continue;
    if (![CHAOS_RECORD_ATTACHMENT, STACK_INFO_ATTACHMENT, OBSERVER_ATTACHMENT, CAMPAIGN_RECORD_ATTACHMENT].includes(attachment.name)) continue;
    let value: unknown;
    try {
      value = readJson(attachment);
    } catch (error) {
      found.problems.push(`attachment ${attachment.name} ${(error as Error).message}`);
      continue;
    }
    if (attachment.name === STACK_INFO_ATTACHMENT) {
      found.stack = value as StackInfo;
      continue;
    }
    if (attachment.name === CAMPAIGN_RECORD_ATTACHMENT) {
      const c = value as Partial<CampaignRecord>;
      if (typeof c?.verdict === 'string' && Array.isArray(c.runs) && Array.isArray(c.byKind) && Array.isArray(c.invariants)) found.campaign = value as CampaignRecord;
      else found.problems.push(`attachment ${attachment.name} lacks verdict, runs, byKind or invariants`);
      continue;
    }
    if (attachment.name === OBSERVER_ATTACHMENT) {
      if (Array.isArray(value)) found.observers = value as ObserverRecord[];
      else found.problems.push(`attachment ${attachment.name} is not a JSON array`);
      continue;
    }
    const problem = chaosRecordProblem(value);
    if (problem) found.problems.push(`attachment ${attachment.name} ${problem}`);
    else found.record = value as ChaosRecord;
  }
  return found;
}
