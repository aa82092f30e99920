import { Readable } from 'node:stream';
import avro from 'avsc';

/**
 * An Avro object container file holding `records`, with `metadata` in its header (Iceberg keeps
 * the table schema, spec and snapshot ids there). The schema is written verbatim so that the
 * `field-id` attributes Iceberg readers project by survive.
 */
export async function encodeAvroContainer(schema: object, records: object[], metadata: Record<string, string>): Promise<Buffer> {
  const encoder = new avro.streams.BlockEncoder(schema as avro.Schema, {
    codec: 'deflate',
    writeHeader: true,
    metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v)])),
  } as ConstructorParameters<typeof avro.streams.BlockEncoder>[1]);
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    encoder.on('data', (chunk: Buffer) => chunks.push(chunk));
    encoder.on('end', resolve);
    encoder.on('error', reject);
  });
  for (const record of records) encoder.write(record);
  encoder.end();
  await done;
  return Buffer.concat(chunks);
}

/** The records and header metadata of an Avro container file. */
export async function decodeAvroContainer<T>(bytes: Buffer): Promise<{ records: T[]; metadata: Record<string, string> }> {
  const decoder = new avro.streams.BlockDecoder();
  const records: T[] = [];
  let metadata: Record<string, string> = {};
  decoder.on('metadata', (_type: unknown, _codec: string, header: { meta: Record<string, Buffer> }) => {
    metadata = Object.fromEntries(Object.entries(header.meta).map(([k, v]) => [k, v.toString()]));
  });
  await new Promise<void>((resolve, reject) => {
    decoder.on('data', (record: T) => records.push(record));
    decoder.on('end', resolve);
    decoder.on('error', reject);
    Readable.from([bytes]).pipe(decoder);
  });
  return { records, metadata };
}
