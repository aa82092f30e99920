import { crc32c } from './crc32c';

/** Bytes before `batchLength` counts: baseOffset (8) + batchLength (4). */
export const BATCH_LOG_OVERHEAD = 12;
/** Size of a magic-2 batch header up to and including the record count. */
export const BATCH_HEADER_SIZE = 61;
const MAGIC_AT = 16;
const CRC_AT = 17;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const FIRST_TIMESTAMP_AT = 27;
const MAX_TIMESTAMP_AT = 35;

/** What the log needs from a magic-2 batch header. */
export interface BatchHeader {
  baseOffset: number;
  /** Whole batch size in bytes, log overhead included. */
  size: number;
  lastOffsetDelta: number;
  firstTimestamp: number;
  maxTimestamp: number;
}

export type BatchCheck =
  | { ok: true; header: BatchHeader }
  | { ok: false; reason: string; incomplete: boolean };

/** Reads the header at `at` without validating the CRC; null when fewer than a header's bytes remain. */
export function readBatchHeader(buf: Buffer, at: number): BatchHeader | null {
  if (buf.length - at < BATCH_HEADER_SIZE) return null;
  return {
    baseOffset: Number(buf.readBigInt64BE(at)),
    size: buf.readInt32BE(at + 8) + BATCH_LOG_OVERHEAD,
    lastOffsetDelta: buf.readInt32BE(at + LAST_OFFSET_DELTA_AT),
    firstTimestamp: Number(buf.readBigInt64BE(at + FIRST_TIMESTAMP_AT)),
    maxTimestamp: Number(buf.readBigInt64BE(at + MAX_TIMESTAMP_AT)),
  };
}

/**
 * Validates the batch starting at `at`: magic 2, a sane length inside `buf`, and a CRC-32C over
 * attributes..end that matches. `incomplete` tells a batch cut short by the end of the buffer
 * (a torn write) from one that is whole but wrong.
 */
export function checkBatch(buf: Buffer, at: number, maxSize: number): BatchCheck {
  if (buf.length - at < BATCH_HEADER_SIZE) return { ok: false, reason: 'truncated batch header', incomplete: true };
  const length = buf.readInt32BE(at + 8);
  if (length < BATCH_HEADER_SIZE - BATCH_LOG_OVERHEAD || length + BATCH_LOG_OVERHEAD > maxSize) {
    return { ok: false, reason: `batch length ${length} out of range`, incomplete: false };
  }
  const magic = buf.readInt8(at + MAGIC_AT);
  if (magic !== 2) return { ok: false, reason: `unsupported magic ${magic}`, incomplete: false };
  const end = at + BATCH_LOG_OVERHEAD + length;
  if (end > buf.length) return { ok: false, reason: 'batch runs past the end of the data', incomplete: true };
  const expected = buf.readUInt32BE(at + CRC_AT);
  const actual = crc32c(buf, at + ATTRIBUTES_AT, end);
  if (expected !== actual) return { ok: false, reason: `CRC mismatch (stored ${expected}, computed ${actual})`, incomplete: false };
  const header = readBatchHeader(buf, at)!;
  if (header.lastOffsetDelta < 0) return { ok: false, reason: `negative lastOffsetDelta ${header.lastOffsetDelta}`, incomplete: false };
  return { ok: true, header };
}

/** Sets the broker-assigned base offset; it sits outside the CRC, so the batch stays valid. */
export function assignBaseOffset(buf: Buffer, at: number, baseOffset: number): void {
  buf.writeBigInt64BE(BigInt(baseOffset), at);
}
