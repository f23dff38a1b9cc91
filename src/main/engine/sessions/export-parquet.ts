import { ParquetWriter, fileWriter, schemaFromColumnData } from 'hyparquet-writer'

type ParquetType = 'DOUBLE' | 'STRING' | 'BOOLEAN' | 'TIMESTAMP'

/** Rows held before they are written as one row group: memory stays bounded whatever the session's span. */
export const PARQUET_ROW_GROUP = 50_000

/** Epoch-millisecond columns by the product's naming (`exchangeTsMs`, `openTsMs`, `tsMs`, `asOfMs`). */
export function isTimestampColumn(name: string): boolean {
  return name === 'tsMs' || name === 'asOfMs' || name.endsWith('TsMs')
}

/**
 * A table written to a Parquet file one row group at a time. Column types are inferred from the first row
 * group (numbers -> DOUBLE, booleans -> BOOLEAN, anything else -> STRING, objects as JSON; a column with no
 * value yet is STRING); an epoch-millisecond column (isTimestampColumn) of whole numbers is a TIMESTAMP
 * (INT64, milliseconds, UTC), so Parquet readers show dates and times. Missing values stay null. A later value
 * that its column's type cannot hold is an error naming the column and the row, never a silent null.
 */
export class ParquetTable {
  private buffered: unknown[][]
  private types: ParquetType[] | null = null
  private writer: ParquetWriter | null = null
  rows = 0

  constructor(
    private readonly path: string,
    readonly columns: string[],
    private readonly rowGroup = PARQUET_ROW_GROUP,
  ) {
    this.buffered = columns.map(() => [])
  }

  row(values: unknown[]): void {
    for (let i = 0; i < this.columns.length; i++) this.buffered[i]!.push(values[i] ?? null)
    this.rows++
    if (this.buffered[0]!.length >= this.rowGroup) this.writeGroup()
  }

  close(): void {
    this.writeGroup()
    this.writer!.finish()
  }

  private writeGroup(): void {
    const count = this.buffered[0]?.length ?? 0
    if (count === 0 && this.writer) return
    const types = (this.types ??= this.buffered.map((v, i) => inferType(v, this.columns[i]!)))
    const firstRow = this.rows - count
    const columnData = this.columns.map((name, i) => ({
      name,
      data: coerce(this.buffered[i]!, types[i]!, name, firstRow),
    }))
    if (!this.writer) {
      const schema = schemaFromColumnData({
        columnData: columnData.map((c, i) => ({ ...c, type: types[i]! })),
      })
      this.writer = new ParquetWriter({ writer: fileWriter(this.path), schema })
    }
    if (count > 0) this.writer.write({ columnData, rowGroupSize: this.rowGroup })
    this.buffered = this.columns.map(() => [])
  }
}

function typeOf(v: unknown): ParquetType {
  return typeof v === 'number' ? 'DOUBLE' : typeof v === 'boolean' ? 'BOOLEAN' : 'STRING'
}

function inferType(values: readonly unknown[], column: string): ParquetType {
  let type: ParquetType | null = null
  for (const v of values) {
    if (v === null) continue
    const t = typeOf(v)
    if (type === null) type = t
    else if (type !== t) return 'STRING'
  }
  if (
    type === 'DOUBLE' &&
    isTimestampColumn(column) &&
    values.every((v) => v === null || Number.isSafeInteger(v))
  )
    return 'TIMESTAMP'
  return type ?? 'STRING'
}

function coerce(values: unknown[], type: ParquetType, column: string, firstRow: number): unknown[] {
  if (type === 'STRING')
    return values.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)))
  const holds = type === 'DOUBLE' ? 'numbers' : type === 'TIMESTAMP' ? 'epoch milliseconds' : 'booleans'
  values.forEach((v, i) => {
    const fits = type === 'TIMESTAMP' ? Number.isSafeInteger(v) : typeOf(v) === type
    if (v !== null && !fits)
      throw new Error(
        `Parquet column "${column}" holds ${holds} but row ${firstRow + i + 1} has ${JSON.stringify(v)}`,
      )
  })
  return values
}
