import { SUPPORTED_VERSIONS } from './api-keys';
import { ERR } from './error-codes';
import type { Writer } from './writer';

/**
 * ApiVersions response. For a request version newer than the broker knows, the protocol
 * prescribes a v0-shaped body with UNSUPPORTED_VERSION and the full list, so the client can
 * retry with a version both sides speak.
 */
export function encodeApiVersionsResponse(w: Writer, version: number, supported: boolean): void {
  w.int16(supported ? ERR.NONE : ERR.UNSUPPORTED_VERSION);
  const entries = [...SUPPORTED_VERSIONS];
  if (supported && version >= 3) {
    // v3 is flexible: compact array (length + 1 as a varint, one byte here) and empty tagged fields.
    w.int8(entries.length + 1);
    for (const [key, range] of entries) w.int16(key).int16(range.min).int16(range.max).int8(0);
    w.int32(0).int8(0);
    return;
  }
  w.array(entries, (w, [key, range]) => w.int16(key).int16(range.min).int16(range.max));
  if (supported && version >= 1) w.int32(0);
}
