/**
 * CSV as RFC 4180 writes it, the way Postgres's `COPY … WITH (FORMAT csv)` quotes it: a cell is
 * quoted when it holds a comma, a double quote, a carriage return or a line feed; NULL is an
 * empty cell. Lines are first ended with LF (COPY's own line ending) and then turned into CRLF
 * by `crlfLines`, for COPY's output and ours alike, so both drivers give the same bytes.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, LF-terminated (crlfLines makes it CRLF). */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}

/**
 * OWASP's CSV injection rule for text we write ourselves (the header: pledge option titles are
 * typed by organizers). The rows get the same rule in SQL (export-query.server.ts).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Excel reads a UTF-8 file as UTF-8 only when it starts with this. */
export const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

const LF = 0x0a;
const CR = 0x0d;

/**
 * A converter that gives every LF not already preceded by a CR one, across chunk boundaries:
 * record ends become CRLF as RFC 4180 asks, and so do bare line breaks inside quoted cells
 * (a message typed on several lines), which RFC 4180 also writes as CRLF.
 */
export function crlfLines(): (chunk: Uint8Array) => Uint8Array {
  let lastByte = 0;
  return (chunk) => {
    const before = (i: number) => (i === 0 ? lastByte : chunk[i - 1]);
    const bare: number[] = [];
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
      if (before(i) !== CR) bare.push(i);
    }
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!;
    if (bare.length === 0) return chunk;
    const out = new Uint8Array(chunk.length + bare.length);
    let from = 0;
    let to = 0;
    for (const i of bare) {
      out.set(chunk.subarray(from, i), to);
      to += i - from;
      out[to++] = CR;
      from = i;
    }
    out.set(chunk.subarray(from), to);
    return out;
  };
}
