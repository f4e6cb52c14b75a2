/**
 * A strict RFC 4180 reader for tests: CRLF record ends, quoted cells with doubled quotes and
 * line breaks inside. Throws on anything a strict reader would refuse (a bare LF between
 * records, a quote inside an unquoted cell, an unterminated quote), so a test reading an export
 * through it also checks the file's format.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  if (text.length === 0) return records;
  for (;;) {
    let cell = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new Error(`unterminated quoted cell at ${i}`);
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/[,\r\n"]/);
      const stop = end === -1 ? text.length : i + end;
      if (text[stop] === '"') throw new Error(`quote inside an unquoted cell at ${stop}`);
      cell = text.slice(i, stop);
      i = stop;
    }
    record.push(cell);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
      if (i === text.length) return records;
      continue;
    }
    if (i === text.length) throw new Error("the last record has no CRLF");
    throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
}

/** Records as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""])));
}
