import { parquetWriteFile } from 'hyparquet-writer'

type ParquetType = 'DOUBLE' | 'STRING' | 'BOOLEAN'

/**
 * A table written as one Parquet file on close. Column types are inferred from the values (numbers ->
 * DOUBLE, booleans -> BOOLEAN, anything else -> STRING, objects as JSON); missing values stay null.
 */
export class ParquetTable {
  private readonly data: unknown[][]
  rows = 0

  constructor(
    private readonly path: string,
    readonly columns: string[],
  ) {
    this.data = columns.map(() => [])
  }

  row(values: unknown[]): void {
    for (let i = 0; i < this.columns.length; i++) this.data[i]!.push(values[i] ?? null)
    this.rows++
  }

  close(): void {
    parquetWriteFile({
      filename: this.path,
      columnData: this.columns.map((name, i) => {
        const values = this.data[i]!
        const type = inferType(values)
        return {
          name,
          type,
          data:
            type === 'STRING'
              ? values.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)))
              : values,
        }
      }),
    })
  }
}

function inferType(values: readonly unknown[]): ParquetType {
  let type: ParquetType | null = null
  for (const v of values) {
    if (v === null) continue
    const t: ParquetType = typeof v === 'number' ? 'DOUBLE' : typeof v === 'boolean' ? 'BOOLEAN' : 'STRING'
    if (type === null) type = t
    else if (type !== t) return 'STRING'
  }
  return type ?? 'STRING'
}
