import type { SchemaElement } from 'hyparquet-writer';
import type { ColumnPlan } from '../source/column-types';

/** One field of an Iceberg schema (spec: "Schemas and Data Types"). */
export interface IcebergField {
  id: number;
  name: string;
  required: boolean;
  type: string;
}

export interface IcebergSchema {
  type: 'struct';
  'schema-id': number;
  fields: IcebergField[];
}

/** The Iceberg schema for a ClickHouse table's columns; field ids count from 1 in column order. */
export function icebergSchemaFor(plans: ColumnPlan[], schemaId = 0): IcebergSchema {
  return {
    type: 'struct',
    'schema-id': schemaId,
    fields: plans.map((p, i) => ({ id: i + 1, name: p.name, required: !p.nullable, type: p.iceberg })),
  };
}

/** True when both schemas hold the same fields (ids, names, types, nullability) in the same order. */
export function sameFields(a: IcebergSchema, b: IcebergSchema): boolean {
  if (a.fields.length !== b.fields.length) return false;
  return a.fields.every((f, i) => {
    const g = b.fields[i]!;
    return f.id === g.id && f.name === g.name && f.type === g.type && f.required === g.required;
  });
}

/**
 * The Parquet schema of a data file: every column carries its Iceberg field id, which is how
 * Iceberg readers match columns (names may be renamed later).
 */
export function parquetSchemaFor(schema: IcebergSchema): SchemaElement[] {
  return [
    { name: 'table', num_children: schema.fields.length },
    ...schema.fields.map((f) => ({ ...parquetType(f.type), name: f.name, field_id: f.id, repetition_type: f.required ? 'REQUIRED' as const : 'OPTIONAL' as const })),
  ];
}

function parquetType(type: string): Omit<SchemaElement, 'name'> {
  switch (type) {
    case 'int': return { type: 'INT32' };
    case 'long': return { type: 'INT64' };
    case 'float': return { type: 'FLOAT' };
    case 'double': return { type: 'DOUBLE' };
    case 'string': return { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'date': return { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'timestamptz': return { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } };
  }
  const decimal = /^decimal\((\d+), (\d+)\)$/.exec(type);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2]);
    return { type: precision <= 9 ? 'INT32' : 'INT64', converted_type: 'DECIMAL', precision, scale, logical_type: { type: 'DECIMAL', precision, scale } };
  }
  throw new Error(`Iceberg type ${type} has no Parquet mapping in the offload`);
}
