import type { InvariantResult } from '../../report-model/chaos-record';

export interface DeadLetteredInput {
  exchange: string;
  /** Malformed messages the exchange delivered to the handler. */
  sent: number;
  /** Records on the exchange's DLQ topic before the fault and now (undefined: unreadable). */
  before?: number;
  after?: number;
}

/**
 * Every malformed message the exchange sent is on the DLQ: the DLQ grew by at least as many
 * records. Fewer means messages were dropped silently (or the handler crashed on them).
 */
export function deadLettered(input: DeadLetteredInput): InvariantResult {
  const name = `every malformed message from ${input.exchange} reached the DLQ`;
  if (input.sent <= 0) return { name, status: 'unknown', summary: 'no malformed message was delivered, so there was nothing to dead-letter' };
  if (input.before === undefined || input.after === undefined) return { name, status: 'unknown', summary: `the DLQ topic of ${input.exchange} could not be read` };
  const added = input.after - input.before;
  const counts = { sent: input.sent, deadLettered: added, missing: Math.max(0, input.sent - added) };
  if (added < input.sent) return { name, status: 'invalid', counts, summary: `${input.sent - added} of ${input.sent} malformed messages never reached the DLQ` };
  return { name, status: 'valid', counts, summary: `${added} DLQ records for ${input.sent} malformed messages` };
}
