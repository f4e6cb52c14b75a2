import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { parseDay } from "./text-rules";

/**
 * Keyset pagination on (created_at, id), newest first: a page starts after (or before) the row
 * a cursor names, so every page costs the same, however deep, and rows inserted meanwhile
 * neither repeat nor vanish. Never OFFSET.
 *
 * created_at is kept to the microsecond as Postgres prints it: a JS Date would round it to the
 * millisecond and skip or repeat rows that share a millisecond.
 */
export interface KeysetCursor {
  createdAt: string;
  id: number;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/** A real instant in the years rows can have (a tampered "2024-99-99T99:…" would fail in SQL). */
function isCursorTime(value: string): boolean {
  const m = CURSOR_TIME.exec(value);
  return m !== null && parseDay(value.slice(0, 10)) !== null && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3]) < 60;
}

/** Opaque to the browser: base64url of "created_at|id". It says where, never who. */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, "utf8").toString("base64url");
}

/** A cursor from a URL, or null when it is not one of ours (a tampered link shows the first page). */
export function decodeCursor(value: string | null | undefined): KeysetCursor | null {
  if (!value || value.length > 100) return null;
  const [createdAt, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const n = Number(id);
  if (rest.length > 0 || !createdAt || !isCursorTime(createdAt) || !Number.isSafeInteger(n) || n <= 0) return null;
  return { createdAt, id: n };
}

/** The exact created_at, as the cursor keeps it. */
export function cursorTime(createdAt: AnyColumn): SQL<string> {
  return sql<string>`to_char(${createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows older than the cursor (`after`) or newer (`before`), as a row comparison the index can serve. */
export function beyondCursor(createdAt: AnyColumn, id: AnyColumn, cursor: KeysetCursor, direction: "after" | "before"): SQL {
  return direction === "after"
    ? sql`(${createdAt}, ${id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::bigint)`
    : sql`(${createdAt}, ${id}) > (${cursor.createdAt}::timestamptz, ${cursor.id}::bigint)`;
}

/**
 * ORDER BY for newest first (or, going back, oldest first). Drizzle's .desc() indexes are
 * "DESC NULLS LAST", while a bare ORDER BY … DESC means NULLS FIRST: the planner then cannot walk
 * the index and sorts the whole campaign instead (0.1 ms against 450 ms at a million rows, measured
 * on Postgres 15). The columns are NOT NULL, so the NULLS clause changes no result, only the plan.
 */
export function keysetOrder(createdAt: AnyColumn, id: AnyColumn, direction: "newest-first" | "oldest-first"): SQL[] {
  return direction === "newest-first"
    ? [sql`${createdAt} DESC NULLS LAST`, sql`${id} DESC NULLS LAST`]
    : [sql`${createdAt} ASC NULLS FIRST`, sql`${id} ASC NULLS FIRST`];
}

/**
 * Turns the rows of a keyset query (fetched with LIMIT pageSize + 1, in the direction asked) into
 * a page and its Previous / Next cursors. null means "going back reached the newest rows": the
 * caller shows the full first page instead of a short one.
 */
export function keysetPage<Row extends { id: number; createdAtKey: string }>(
  fetched: Row[],
  pageSize: number,
  direction: { backwards: boolean; hadCursor: boolean },
): { rows: Row[]; nextCursor: string | null; previousCursor: string | null } | null {
  const more = fetched.length > pageSize;
  if (direction.backwards && !more) return null;
  const rows = fetched.slice(0, pageSize);
  if (direction.backwards) rows.reverse();
  const cursorOf = (row: Row | undefined) => (row ? encodeCursor({ createdAt: row.createdAtKey, id: row.id }) : null);
  return {
    rows,
    nextCursor: direction.backwards || more ? cursorOf(rows.at(-1)) : null,
    previousCursor: direction.backwards || direction.hadCursor ? cursorOf(rows[0]) : null,
  };
}
