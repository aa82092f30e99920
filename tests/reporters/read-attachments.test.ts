import { expect, test } from '@playwright/test';
import type { TestResult } from '@playwright/test/reporter';
import { ALLURE_MESSAGE_CONTENT_TYPE, readTestAttachments } from '../../reporters/read-attachments';
import { OBSERVER_ATTACHMENT, STACK_INFO_ATTACHMENT } from '../../src/report-model/chaos-record';

const attach = (name: string, value: unknown, contentType = 'application/json') => ({ name, contentType, body: Buffer.from(JSON.stringify(value)) });
const result = (attachments: ReturnType<typeof attach>[]) => ({ attachments }) as unknown as TestResult;

test('the observers\' record travels to the run record; a malformed one is a problem, not a crash', () => {
  const observers = [{ exchange: 'binance', healthy: true, connected: true, reconnects: 2, trades: 900, openGaps: 0, restCalls: 3 }];
  const read = readTestAttachments(result([
    attach(STACK_INFO_ATTACHMENT, { target: 'embedded', manifest: 'reference', versions: {} }),
    attach(OBSERVER_ATTACHMENT, observers),
    attach(OBSERVER_ATTACHMENT, { not: 'an array' }, ALLURE_MESSAGE_CONTENT_TYPE),
  ]));
  expect(read.observers).toEqual(observers);
  expect(read.problems).toEqual([]);
  expect(readTestAttachments(result([attach(OBSERVER_ATTACHMENT, { reconnects: 1 })])).problems).toEqual([`attachment ${OBSERVER_ATTACHMENT} is not a JSON array`]);
});
