import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";

/**
 * The submitted form. A body no browser form would send (another Content-Type, a broken
 * multipart body, a dropped upload) is the client's mistake: a 400, never a 500. A Response the
 * reader throws on purpose (a 413 for an oversized upload) passes through.
 */
export async function readFormData(request: Request, read: (request: Request) => Promise<FormData> = (r) => r.formData()): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await read(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw unreadableForm();
  }
  if (!isPlausibleForm(formData)) throw unreadableForm();
  return formData;
}

/** No form of ours has more fields than this, or lists with more entries. */
export const MAX_FORM_FIELDS = 500;
export const MAX_LIST_INDEX = 99;

/**
 * Field names like "pledges[100000000].optionId" make the form parser build an array of that
 * length (and echo it back in the error reply): a few bytes that cost the server gigabytes. Such
 * forms are refused before any parsing.
 */
export function isPlausibleForm(formData: FormData): boolean {
  let count = 0;
  for (const name of formData.keys()) {
    if (++count > MAX_FORM_FIELDS) return false;
    for (const match of name.matchAll(/\[(\d+)\]/g)) {
      if (match[1]!.length > 2 || Number(match[1]) > MAX_LIST_INDEX) return false;
    }
  }
  return true;
}

/**
 * Reads a submitted form with its zod schema, as parseWithZod does, after checking that the form
 * has the shape the schema describes: every field name is a plain name the schema knows (or an
 * unknown plain name, which the schema ignores), a list index only where the schema has a list,
 * and a name repeated only where the schema takes several values. A form no page of ours sends
 * (`title=x&title=y`, `title[0]=x`, `title.a=x`) gets a 400 "This form could not be read",
 * never a 500 from code that expected a string.
 *
 * The reply echoes what was sent so the page can show it again; each echoed value is cut to what
 * its field allows, so a long value never comes back (twice) in the error page.
 */
export function parseForm<Schema extends z.ZodType>(formData: FormData | URLSearchParams, options: { schema: Schema }) {
  if (!fitsSchema(formData, options.schema)) throw unreadableForm();
  const submission = parseWithZod(formData, options);
  const reply = submission.reply;
  submission.reply = (replyOptions) => {
    const result = reply(replyOptions);
    return result.initialValue ? { ...result, initialValue: capEcho(result.initialValue, [options.schema]) as typeof result.initialValue } : result;
  };
  return submission;
}

/** The 400 for a form in a shape no page sends; the error page words it (refusal.unreadableForm). */
export function unreadableForm(): Response {
  return Response.json({ refusal: "unreadableForm" }, { status: 400 });
}

type Segment = string | number;

/** "pledges[0].optionId" → ["pledges", 0, "optionId"]; null for anything else (a.b..c, a[x], a[], a[007]). */
export function fieldPath(name: string): Segment[] | null {
  const segments: Segment[] = [];
  const token = /^(?:([A-Za-z_][\w-]*)|\.([A-Za-z_][\w-]*)|\[(0|[1-9]\d?)\])/;
  let rest = name;
  while (rest) {
    const match = token.exec(rest);
    if (!match) return null;
    const [whole, first, key, index] = match;
    if (first !== undefined && segments.length === 0) segments.push(first);
    else if (key !== undefined && segments.length > 0) segments.push(key);
    else if (index !== undefined && segments.length > 0) segments.push(Number(index));
    else return null;
    rest = rest.slice(whole.length);
  }
  return segments.length ? segments : null;
}

/** Conform's own control fields: no form of ours sends them, and a garbled one makes conform throw. */
const CONFORM_RESERVED = new Set(["__intent__", "__state__"]);

export function fitsSchema(formData: FormData | URLSearchParams, schema: z.ZodType): boolean {
  const seen = new Set<string>();
  for (const name of formData.keys()) {
    const repeated = seen.has(name);
    seen.add(name);
    if (repeated && !fits(schema, fieldPath(name) ?? [], "many")) return false;
    if (repeated) continue;
    const path = fieldPath(name);
    if (!path || CONFORM_RESERVED.has(name)) return false;
    // A plain name the schema does not know is dropped by zod (a honeypot, an intent, a referral
    // source read elsewhere); a nested or indexed one would build structure nobody expects.
    if (path.length === 1 && !knows(schema, path[0] as string)) continue;
    if (!fits(schema, path, "one")) return false;
  }
  return true;
}

/** The concrete schemas a (wrapped, piped, optional, union) schema stands for. */
function concrete(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return concrete(def.innerType as z.core.$ZodType);
    case "pipe": {
      // z.preprocess(fn, schema) is a pipe from a transform: what the form must fit is the schema.
      const input = def.in as z.core.$ZodType;
      return concrete(input._zod.def.type === "transform" ? (def.out as z.core.$ZodType) : input);
    }
    case "lazy":
      return concrete((def.getter as () => z.core.$ZodType)());
    case "union":
      return (def.options as z.core.$ZodType[]).flatMap(concrete);
    case "intersection":
      return [...concrete(def.left as z.core.$ZodType), ...concrete(def.right as z.core.$ZodType)];
    default:
      return [schema];
  }
}

const ANYTHING = new Set(["any", "unknown", "custom"]);
const isLeaf = (schema: z.core.$ZodType) => !["object", "array", "record", "tuple", "map", "set"].includes(schema._zod.def.type);

function knows(schema: z.core.$ZodType, key: string): boolean {
  return concrete(schema).some((node) => {
    const def = node._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
    return ANYTHING.has(def.type) || (def.type === "object" && Object.hasOwn(def.shape ?? {}, key));
  });
}

function fits(schema: z.core.$ZodType, path: Segment[], values: "one" | "many"): boolean {
  return concrete(schema).some((node) => {
    const def = node._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
    if (ANYTHING.has(def.type)) return true;
    const [head, ...rest] = path;
    if (head === undefined) {
      // A value, or several for a list of values (a checkbox group).
      if (def.type === "array") return concrete(def.element!).some(isLeaf);
      return values === "one" && isLeaf(node);
    }
    if (typeof head === "string") return def.type === "object" && Object.hasOwn(def.shape!, head) && fits(def.shape![head]!, rest, values);
    return def.type === "array" && fits(def.element!, rest, values);
  });
}

/** Longest value echoed for a field that declares no maximum. */
const ECHO_MAX = 1_000;

/**
 * The echoed value cut to what its field allows. `schemas` are every schema the field may be
 * (the options of a union each have their own `intent`), so the most generous one decides.
 */
function capEcho(value: unknown, schemas: z.core.$ZodType[]): unknown {
  // A field the schema does not know is not echoed at all.
  if (schemas.length === 0) return undefined;
  const nodes = schemas.flatMap(concrete);
  if (typeof value === "string") return value.slice(0, Math.max(...nodes.map(echoLimit)));
  const defs = nodes.map((n) => n._zod.def as unknown as { element?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType>; type: string });
  if (Array.isArray(value)) {
    const elements = defs.flatMap((d) => (d.element ? [d.element] : []));
    return value.map((item) => capEcho(item, elements.length ? elements : nodes));
  }
  if (value && typeof value === "object") {
    const field = (key: string) => defs.flatMap((d) => (d.shape && Object.hasOwn(d.shape, key) ? [d.shape[key]!] : []));
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .map(([key, item]) => [key, capEcho(item, field(key))])
        .filter(([, item]) => item !== undefined),
    );
  }
  return value;
}

function echoLimit(node: z.core.$ZodType): number {
  const def = node._zod.def as unknown as { type: string; entries?: Record<string, string>; values?: unknown[] };
  const max = (node as { maxLength?: number | null }).maxLength;
  if (typeof max === "number") return max;
  if (def.type === "enum") return Math.max(0, ...Object.values(def.entries ?? {}).map((v) => String(v).length));
  if (def.type === "literal") return Math.max(0, ...(def.values ?? []).map((v) => String(v).length));
  return ECHO_MAX;
}
