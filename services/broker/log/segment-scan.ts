import { readSync } from 'node:fs';
import { BATCH_HEADER_SIZE, checkBatch, readBatchHeader, type BatchHeader } from '../protocol/record-batch';
import { CorruptLogError } from './corrupt-log-error';

const CHUNK_BYTES = 1 << 20;

export interface ScanResult {
  /** Bytes of whole, valid batches from the start of the file. */
  validSize: number;
  /** Offset after the last valid batch. */
  nextOffset: number;
  maxTimestamp: number;
}

export interface ScanOptions {
  file: string;
  fd: number;
  size: number;
  baseOffset: number;
  maxBatchBytes: number;
  /** Validate CRCs and allow a torn tail (the active segment); sealed segments are only walked. */
  active: boolean;
  onBatch: (header: BatchHeader, position: number) => void;
}

/**
 * Walks a segment batch by batch. In the active segment a batch cut short at the end of the file,
 * or a damaged last batch, or a zero-filled tail is a torn write: the scan stops there and the
 * caller truncates. Anything else wrong is corruption and throws CorruptLogError.
 */
export function scanSegment(o: ScanOptions): ScanResult {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let chunkStart = 0;
  let chunkLength = 0;
  let position = 0;
  let expected = o.baseOffset;
  let maxTimestamp = -1;
  const load = (at: number, need: number) => {
    if (need > chunk.length) chunk = Buffer.allocUnsafe(need);
    chunkStart = at;
    chunkLength = readSync(o.fd, chunk, 0, Math.min(chunk.length, o.size - at), at);
  };
  while (position < o.size) {
    if (position + BATCH_HEADER_SIZE > chunkStart + chunkLength) load(position, BATCH_HEADER_SIZE);
    let view = chunk.subarray(position - chunkStart, chunkLength);
    const header = readBatchHeader(view, 0);
    if (header && header.size > view.length && position + header.size <= o.size && header.size <= o.maxBatchBytes) {
      load(position, header.size);
      view = chunk.subarray(0, chunkLength);
    }
    const check = o.active
      ? checkBatch(view, 0, o.maxBatchBytes)
      : header && header.size >= BATCH_HEADER_SIZE && position + header.size <= o.size
        ? { ok: true as const, header }
        : { ok: false as const, reason: 'batch length runs past the end of the segment', incomplete: true };
    if (!check.ok) {
      if (o.active && (check.incomplete || isTornTail(o, position, header))) break;
      throw new CorruptLogError(o.file, position, check.reason);
    }
    if (check.header.baseOffset !== expected) {
      throw new CorruptLogError(o.file, position, `batch base offset ${check.header.baseOffset}, expected ${expected}`);
    }
    o.onBatch(check.header, position);
    expected = check.header.baseOffset + check.header.lastOffsetDelta + 1;
    maxTimestamp = Math.max(maxTimestamp, check.header.maxTimestamp);
    position += check.header.size;
  }
  return { validSize: position, nextOffset: expected, maxTimestamp };
}

/** A damaged batch that is the last thing in the file, or followed only by zero bytes. */
function isTornTail(o: ScanOptions, position: number, header: BatchHeader | null): boolean {
  if (header && header.size > 0 && position + header.size >= o.size) return true;
  const rest = Buffer.allocUnsafe(Math.min(o.size - position, CHUNK_BYTES));
  for (let at = position; at < o.size; at += rest.length) {
    const n = readSync(o.fd, rest, 0, Math.min(rest.length, o.size - at), at);
    for (let i = 0; i < n; i++) if (rest[i] !== 0) return false;
  }
  return true;
}
