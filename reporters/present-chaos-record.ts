import type { TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import type { ChaosRecord } from '../src/report-model/chaos-record';
import { CHAOS_RECORD_ATTACHMENT } from '../src/report-model/chaos-record';
import { chaosRecordFacts, chaosRecordMarkdown } from '../src/render/chaos-record-summary';
import { renderTimelineSvg, TIMELINE_ATTACHMENT } from '../src/render/timeline-svg';

/**
 * Hands a finished experiment to every report. Call it in the test (worker) process, once per
 * test, after the outcome is known: it attaches the ChaosRecord (read by the MTTR reporter) and
 * the evidence timeline SVG (shown as an image in the Playwright HTML and Allure reports), adds
 * the headline figures as annotations (Playwright HTML) and as a description plus parameters
 * (Allure). The parameters are excluded from Allure's history id, so a test keeps one history
 * whatever its MTTR.
 */
export async function presentChaosRecord(testInfo: TestInfo, record: ChaosRecord): Promise<void> {
  await testInfo.attach(CHAOS_RECORD_ATTACHMENT, { body: JSON.stringify(record), contentType: 'application/json' });
  await testInfo.attach(TIMELINE_ATTACHMENT, { body: renderTimelineSvg(record), contentType: 'image/svg+xml' });
  const facts = chaosRecordFacts(record);
  testInfo.annotations.push(...facts.map((f) => ({ type: f.name, description: f.value })));
  await allure.description(chaosRecordMarkdown(record));
  for (const fact of facts) await allure.parameter(fact.name, fact.value, { excluded: true });
}
