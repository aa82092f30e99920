/**
 * Docker's multiplexed log stream (containers without a TTY): frames of an 8-byte header
 * (stream type, 3 zero bytes, big-endian payload length) followed by the payload. Returns the
 * payloads in order, stdout and stderr interleaved as they were written. A truncated last frame
 * keeps what arrived.
 */
export function demuxDockerStream(buffer: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset]!;
    if (type > 2 || buffer[offset + 1] !== 0 || buffer[offset + 2] !== 0 || buffer[offset + 3] !== 0) {
      throw new Error(`not a multiplexed Docker stream: bad frame header at byte ${offset}`);
    }
    const length = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, Math.min(offset + 8 + length, buffer.length)));
    offset += 8 + length;
  }
  return Buffer.concat(parts);
}
