import type { Language } from "../languages";

/**
 * The small part of ICU MessageFormat our catalogs use, so that every count reads right in every
 * language ("1 signature", "0 personne", "1 000 000 de signatures"):
 *
 *   {name}                                   the value as given
 *   {name, number}                           a number, written the reader's way (1,000 / 1 000)
 *   {name, plural, one {# thing} other {# things}}
 *                                            the form the language's plural rules pick for the
 *                                            value (Intl.PluralRules: zero, one, two, few, many,
 *                                            other, or an exact =N), `#` being the number
 *
 * A form missing for a category falls back to `other`. A message is parsed once and kept.
 */

export type MessageVars = Record<string, string | number>;
/** Text, or a variable's value (kept apart so a page can set it in bold). */
export type MessagePart = string | { variable: string; text: string };

type Node =
  | { type: "text"; text: string }
  | { type: "var"; name: string; source: string }
  | { type: "number"; name: string; source: string }
  | { type: "plural"; name: string; source: string; forms: Map<string, Node[]> }
  | { type: "pound" };

export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;

const parsed = new Map<string, Node[]>();

export function parseMessage(template: string): Node[] {
  let nodes = parsed.get(template);
  if (!nodes) {
    nodes = parseNodes(template, 0, false).nodes;
    parsed.set(template, nodes);
  }
  return nodes;
}

/** The placeholders a message takes, with how each is used ("var", "number", "plural"). */
export function messageVariables(template: string): { name: string; as: "var" | "number" | "plural" }[] {
  const found: { name: string; as: "var" | "number" | "plural" }[] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.type === "var" || node.type === "number") found.push({ name: node.name, as: node.type });
      if (node.type === "plural") {
        found.push({ name: node.name, as: "plural" });
        for (const form of node.forms.values()) walk(form);
      }
    }
  };
  walk(parseMessage(template));
  return found;
}

/** The plural forms a message gives for `name`, by category ("one", "other", "=0"…). */
export function pluralForms(template: string, name: string): string[][] {
  const result: string[][] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.type !== "plural") continue;
      if (node.name === name) result.push([...node.forms.keys()]);
      for (const form of node.forms.values()) walk(form);
    }
  };
  walk(parseMessage(template));
  return result;
}

function parseNodes(s: string, start: number, inPlural: boolean): { nodes: Node[]; end: number } {
  const nodes: Node[] = [];
  let text = "";
  let i = start;
  const flush = () => {
    if (text) nodes.push({ type: "text", text });
    text = "";
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === "}" && inPlural) break;
    if (c === "#" && inPlural) {
      flush();
      nodes.push({ type: "pound" });
      i++;
      continue;
    }
    if (c === "{") {
      const arg = parseArgument(s, i);
      if (arg) {
        flush();
        nodes.push(arg.node);
        i = arg.end;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return { nodes, end: i };
}

/** `{name}`, `{name, number}` or `{name, plural, …}` starting at `start`; null if it is none of them (then it is text). */
function parseArgument(s: string, start: number): { node: Node; end: number } | null {
  const head = /^\{\s*(\w+)\s*(?:,\s*(number|plural)\s*)?(,|\})/.exec(s.slice(start));
  if (!head) return null;
  const [whole, name = "", kind, delimiter] = head;
  let i = start + whole.length;
  if (delimiter === "}") {
    const source = s.slice(start, i);
    return { node: kind === "number" ? { type: "number", name, source } : { type: "var", name, source }, end: i };
  }
  if (kind !== "plural") return null;
  const forms = new Map<string, Node[]>();
  for (;;) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(s.slice(i));
    if (!selector) break;
    i += selector[0].length;
    const body = parseNodes(s, i, true);
    if (s[body.end] !== "}") return null;
    forms.set(selector[1]!, body.nodes);
    i = body.end + 1;
  }
  const close = /^\s*\}/.exec(s.slice(i));
  if (!close || !forms.has("other")) return null;
  i += close[0].length;
  return { node: { type: "plural", name, source: s.slice(start, i), forms }, end: i };
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function rulesFor(language: Language): Intl.PluralRules {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules;
}

/** One number format per language, kept (formatNumber and the translator share it). */
export function numberFormatFor(language: Language): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format;
}

/** A number given as text ("500", from an error code) counts as that number. */
function asNumber(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : null;
}

/**
 * Fills a message. `grammar` is the language the message is written in (its plural rules);
 * `numbers` the page's language (how numbers are written). They differ only when a message falls
 * back to English on a page in another language.
 */
export function formatMessageParts(template: string, vars: MessageVars | undefined, grammar: Language, numbers: Language): MessagePart[] {
  const out: MessagePart[] = [];
  const writeNumber = (name: string, value: string | number) => {
    const n = asNumber(value);
    out.push({ variable: name, text: n === null ? String(value) : numberFormatFor(numbers).format(n) });
  };
  const walk = (nodes: Node[], pound: { name: string; value: string | number } | null) => {
    for (const node of nodes) {
      if (node.type === "text") out.push(node.text);
      else if (node.type === "pound") {
        if (pound) writeNumber(pound.name, pound.value);
        else out.push("#");
      } else {
        const value = vars?.[node.name];
        // A placeholder given no value stays visible rather than blanked.
        if (value === undefined) out.push(node.source);
        else if (node.type === "var") out.push({ variable: node.name, text: String(value) });
        else if (node.type === "number") writeNumber(node.name, value);
        else {
          const n = asNumber(value);
          const category = n === null ? "other" : rulesFor(grammar).select(n);
          const form = (n !== null && node.forms.get(`=${n}`)) || node.forms.get(category) || node.forms.get("other")!;
          walk(form, { name: node.name, value });
        }
      }
    }
  };
  walk(parseMessage(template), null);
  return out;
}

export function partsToString(parts: MessagePart[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p.text)).join("");
}
