import { parse } from 'csv-parse';

/** A data row of a file: its number (1 = the first row after the headers), its cells, and the byte offset after it. */
export interface CsvRow {
  row: number;
  values: string[];
  endByte: number;
}

/**
 * The same parser settings for every read, from the start or from a checkpoint's byte offset, so a
 * resumed read sees exactly the rows a whole read does. Both line endings are accepted (exports
 * from Excel on Windows end lines with CRLF); a UTF-8 byte order mark is skipped.
 */
function parser() {
  return parse({ bom: true, info: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'], skip_empty_lines: true });
}

interface Parsed {
  record: string[];
  info: { bytes: number };
}

/** The header row and the byte offset where data rows start. */
export async function readHeaders(bytes: AsyncIterable<Uint8Array>): Promise<{ headers: string[]; dataByte: number; preview: string[][] }> {
  const preview: string[][] = [];
  let headers: string[] | undefined;
  let dataByte = 0;
  for await (const { record, info } of parsed(bytes)) {
    if (!headers) {
      headers = record.map((header) => header.trim());
      dataByte = info.bytes;
    } else preview.push(record);
    if (preview.length >= 20) break;
  }
  return { headers: headers ?? [], dataByte, preview };
}

/**
 * Data rows from a checkpoint: `bytes` must start at `start.byte`, the offset where row
 * `start.row + 1` begins. Offsets are absolute in the file.
 */
export async function* readRows(bytes: AsyncIterable<Uint8Array>, start: { row: number; byte: number }): AsyncGenerator<CsvRow> {
  let row = start.row;
  for await (const { record, info } of parsed(bytes)) {
    row += 1;
    yield { row, values: record, endByte: start.byte + info.bytes };
  }
}

async function* parsed(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Parsed> {
  const csv = parser();
  const feed = (async () => {
    try {
      for await (const chunk of bytes) {
        if (csv.destroyed) break;
        if (!csv.write(chunk)) await drainedOrClosed(csv);
      }
      if (!csv.destroyed) csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  try {
    for await (const item of csv as AsyncIterable<Parsed>) yield item;
  } finally {
    // Stopped early (a preview, a full chunk): stop reading the file too.
    csv.destroy();
    await feed.catch(() => undefined);
  }
}

/** Waits for the parser to take more input (or to be gone), leaving no listener behind: a large file waits thousands of times. */
function drainedOrClosed(csv: ReturnType<typeof parser>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      csv.off('drain', done);
      csv.off('close', done);
      resolve();
    };
    csv.once('drain', done);
    csv.once('close', done);
  });
}
