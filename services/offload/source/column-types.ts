/** How one ClickHouse column travels: the SELECT expression, the RowBinary layout, and its Iceberg type. */
export interface ColumnPlan {
  name: string;
  /** ClickHouse type as DESCRIBE reports it. */
  clickhouseType: string;
  /** Expression in the SELECT; enums are read as text. */
  select: string;
  /** RowBinary value layout of the selected expression. */
  wire: WireType;
  nullable: boolean;
  /** Iceberg primitive type name (`long`, `timestamptz`, `decimal(18, 8)`, ...). */
  iceberg: string;
}

export type WireType =
  | 'u8' | 'u16' | 'u32' | 'u64' | 'i8' | 'i16' | 'i32' | 'i64'
  | 'f32' | 'f64' | 'string' | `fixed${number}`
  /** DateTime: u32 seconds, written as timestamptz microseconds. */
  | 'datetime'
  /** Date: u16 days since the epoch. */
  | 'date'
  /** Decimal with precision <= 9 (i32) or <= 18 (i64), kept as the unscaled integer. */
  | 'dec32' | 'dec64';

const SIMPLE: Record<string, { wire: WireType; iceberg: string }> = {
  UInt8: { wire: 'u8', iceberg: 'int' },
  UInt16: { wire: 'u16', iceberg: 'int' },
  UInt32: { wire: 'u32', iceberg: 'long' },
  UInt64: { wire: 'u64', iceberg: 'long' },
  Int8: { wire: 'i8', iceberg: 'int' },
  Int16: { wire: 'i16', iceberg: 'int' },
  Int32: { wire: 'i32', iceberg: 'int' },
  Int64: { wire: 'i64', iceberg: 'long' },
  Float32: { wire: 'f32', iceberg: 'float' },
  Float64: { wire: 'f64', iceberg: 'double' },
  String: { wire: 'string', iceberg: 'string' },
  Date: { wire: 'date', iceberg: 'date' },
};

/**
 * Maps a ClickHouse column to its transfer plan, or throws naming the column and type when the
 * offload cannot carry it (arrays, UUID, wide decimals).
 */
export function planColumn(name: string, clickhouseType: string): ColumnPlan {
  const quoted = `\`${name.replace(/`/g, '\\`')}\``;
  let inner = clickhouseType.trim();
  let nullable = false;
  const nullableMatch = /^Nullable\((.*)\)$/.exec(inner);
  if (nullableMatch) {
    nullable = true;
    inner = nullableMatch[1]!.trim();
  }
  inner = inner.replace(/^LowCardinality\((.*)\)$/, '$1');
  const base = { name, clickhouseType, select: quoted, nullable };
  const simple = SIMPLE[inner];
  if (simple) return { ...base, ...simple };
  if (/^DateTime(\(.*\))?$/.test(inner)) return { ...base, wire: 'datetime', iceberg: 'timestamptz' };
  if (/^Enum(8|16)\(/.test(inner)) {
    // toString keeps Nullable, so one expression serves both.
    return { ...base, select: `toString(${quoted})`, wire: 'string', iceberg: 'string' };
  }
  const fixed = /^FixedString\((\d+)\)$/.exec(inner);
  if (fixed) return { ...base, wire: `fixed${Number(fixed[1])}`, iceberg: 'string' };
  const decimal = /^Decimal(?:32|64|128)?\((\d+),\s*(\d+)\)$/.exec(inner) ?? /^Decimal(32|64)\((\d+)\)$/.exec(inner);
  if (decimal) {
    const [precision, scale] = inner.startsWith('Decimal(')
      ? [Number(decimal[1]), Number(decimal[2])]
      : [decimal[1] === '32' ? 9 : 18, Number(decimal[2])];
    if (precision > 18) throw new Error(`column ${name}: ${clickhouseType} has precision ${precision}; the offload carries decimals up to 18 digits`);
    return { ...base, wire: precision <= 9 ? 'dec32' : 'dec64', iceberg: `decimal(${precision}, ${scale})` };
  }
  throw new Error(`column ${name}: ClickHouse type ${clickhouseType} has no Iceberg mapping in the offload`);
}
