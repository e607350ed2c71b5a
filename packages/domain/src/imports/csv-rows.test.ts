import { describe, expect, it } from 'vitest';
import { readHeaders, readRows, type CsvRow } from './csv-rows';

async function* bytesOf(text: string, chunkSize = 5): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize);
}

const FILE = '\uFEFFName,Notes\r\nAnn,"one, two"\r\nBob,"multi\nline"\nCé,plain\r\n\r\nDan,"quote "" inside"\n';

async function all(rows: AsyncIterable<CsvRow>): Promise<CsvRow[]> {
  const result: CsvRow[] = [];
  for await (const row of rows) result.push(row);
  return result;
}

describe('reading CSV rows', () => {
  it('waits for the parser as often as a large file needs, without piling up listeners', async () => {
    // Prepare: many small chunks, so the parser pushes back again and again
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const block = new TextEncoder().encode('Ann,Smith,ann@example.com,+44 20 7946 0000\n'.repeat(500));
    async function* chunks() {
      for (let i = 0; i < 40; i++) yield block;
    }

    // Act: a consumer slower than the file (as the worker is, writing each batch)
    let rows = 0;
    for await (const _row of readRows(chunks(), { row: 0, byte: 0 })) {
      rows++;
      if (rows % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);

    // Assess
    expect(rows).toBe(20_000);
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('reads the headers past a byte order mark and where the data starts', async () => {
    const { headers, dataByte, preview } = await readHeaders(bytesOf(FILE));

    expect(headers).toEqual(['Name', 'Notes']);
    expect(dataByte).toBe(Buffer.byteLength('\uFEFFName,Notes\r\n'));
    expect(preview).toEqual([['Ann', 'one, two'], ['Bob', 'multi\nline'], ['Cé', 'plain'], ['Dan', 'quote " inside']]);
  });

  it('reads from any row\'s end offset exactly the rows a whole read gives after it', async () => {
    const { dataByte } = await readHeaders(bytesOf(FILE));
    const whole = await all(readRows(bytesOf(FILE.slice(0)), { row: 0, byte: 0 }));
    const dataRows = await all(readRows(bytesOf(Buffer.from(FILE).subarray(dataByte).toString()), { row: 0, byte: dataByte }));
    expect(dataRows.map((row) => row.values)).toEqual(whole.slice(1).map((row) => row.values));

    for (const [index, checkpoint] of dataRows.entries()) {
      const rest = Buffer.from(FILE).subarray(checkpoint.endByte).toString();

      const resumed = await all(readRows(bytesOf(rest, 3), { row: checkpoint.row, byte: checkpoint.endByte }));

      expect(resumed).toEqual(dataRows.slice(index + 1));
    }
  });
});
