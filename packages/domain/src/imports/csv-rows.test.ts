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
