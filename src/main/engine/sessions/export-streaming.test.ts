import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ParquetTable } from './export-parquet'
import { LineSpill } from './line-spill'

describe('export tables written as they go', () => {
  it('a spill gives back every value in order, a multi-byte character cut by a read chunk included', () => {
    const spill = new LineSpill<{ i: number; s: string }>()
    // The line starts {"i":1,"s":" (13 bytes), so 2-byte characters end at odd offsets and the 1 MiB
    // read boundary (even) falls inside one of them.
    const wide = 'é'.repeat(600_000)
    spill.push({ i: 0, s: 'first' })
    spill.push({ i: 1, s: wide })
    spill.push({ i: 2, s: 'last, with "quotes"\nand a newline' })
    const back = [...spill.drain()]
    expect(back.map((v) => v.i)).toEqual([0, 1, 2])
    expect(back[1]!.s).toBe(wide)
    expect(back[2]!.s).toBe('last, with "quotes"\nand a newline')
  })

  it('a Parquet table in row groups of 3 reads back, by an independent reader, as the 7 rows written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-pq-groups-'))
    const path = join(dir, 't.parquet')
    const t = new ParquetTable(path, ['tsMs', 'price', 'label', 'ok'], 3)
    const rows: unknown[][] = [
      [1000, 1.5, 'a', true],
      [2000, null, null, false],
      [3000, 2.25, { x: 1 }, null],
      [4000, 3, 'd', true],
      [5000, 4.5, 'e', true],
      [6000, 5, null, false],
      [7000, 6.75, 'g', true],
    ]
    rows.forEach((r) => t.row(r))
    t.close()
    const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import('hyparquet')
    const file = await asyncBufferFromFile(path)
    const meta = await parquetMetadataAsync(file)
    expect(meta.row_groups).toHaveLength(3)
    // The epoch-millisecond column is a Parquet timestamp (INT64, milliseconds), read back as dates.
    expect(meta.schema.find((c) => c.name === 'tsMs')).toMatchObject({
      type: 'INT64',
      converted_type: 'TIMESTAMP_MILLIS',
    })
    const back = (await parquetReadObjects({ file })) as Record<string, unknown>[]
    expect(back).toEqual([
      { tsMs: new Date(1000), price: 1.5, label: 'a', ok: true },
      { tsMs: new Date(2000), price: null, label: null, ok: false },
      { tsMs: new Date(3000), price: 2.25, label: '{"x":1}', ok: null },
      { tsMs: new Date(4000), price: 3, label: 'd', ok: true },
      { tsMs: new Date(5000), price: 4.5, label: 'e', ok: true },
      { tsMs: new Date(6000), price: 5, label: null, ok: false },
      { tsMs: new Date(7000), price: 6.75, label: 'g', ok: true },
    ])
  })

  it('a value its column type cannot hold, after the first row group, is an error naming column and row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-pq-mismatch-'))
    const t = new ParquetTable(join(dir, 't.parquet'), ['price'], 2)
    t.row([1])
    t.row([2])
    t.row(['n/a'])
    expect(() => t.close()).toThrow('Parquet column "price" holds numbers but row 3 has "n/a"')
    const ts = new ParquetTable(join(dir, 'ts.parquet'), ['exchangeTsMs'], 2)
    ts.row([1000])
    ts.row([2000])
    ts.row([2500.5])
    expect(() => ts.close()).toThrow(
      'Parquet column "exchangeTsMs" holds epoch milliseconds but row 3 has 2500.5',
    )
  })
})
