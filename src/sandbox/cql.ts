/** An operator of the sandbox's CQL subset. */
export type CqlOperator = "=" | "!=" | "contains" | ">" | ">=" | "<" | "<=" | "in";

/** One `field op value` condition. */
export interface CqlCondition {
  field: string;
  op: CqlOperator;
  value: string | number | (string | number)[];
}

/** A parsed query: the `FROM` types (undefined: all) and the `AND`-ed conditions. */
export interface CqlQuery {
  from: string[] | undefined;
  conditions: CqlCondition[];
}

/** The query text is outside the subset the sandbox understands. */
export class CqlSyntaxError extends Error {
  override readonly name = "CqlSyntaxError";
}

type Token = { kind: "word"; text: string } | { kind: "string"; text: string } | { kind: "number"; value: number } | { kind: "op"; text: string } | { kind: "punct"; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(['"])((?:\\.|(?!\1).)*)\1|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_@][\w.@-]*)|(==|!=|>=|<=|=|>|<)|([(),]))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (match === null) throw new CqlSyntaxError(`unexpected text at position ${index}: ${JSON.stringify(text.slice(index, index + 20))}`);
    index = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: "string", text: (match[2] ?? "").replace(/\\(.)/g, "$1") });
    else if (match[3] !== undefined) tokens.push({ kind: "number", value: Number(match[3]) });
    else if (match[4] !== undefined) tokens.push({ kind: "word", text: match[4] });
    else if (match[5] !== undefined) tokens.push({ kind: "op", text: match[5] === "==" ? "=" : match[5] });
    else tokens.push({ kind: "punct", text: match[6] ?? "" });
  }
  return tokens;
}

const isWord = (token: Token | undefined, word: string): boolean => token?.kind === "word" && token.text.toLowerCase() === word;

function literal(token: Token | undefined): string | number {
  if (token?.kind === "string") return token.text;
  if (token?.kind === "number") return token.value;
  if (token?.kind === "word") return token.text;
  throw new CqlSyntaxError("expected a value");
}

/**
 * Parses the sandbox's CQL subset:
 * `[FROM type[, type...]] [WHERE] field op value [AND field op value ...]`,
 * with `op` one of `=`, `!=`, `>`, `>=`, `<`, `<=`, `contains`, `in (v, ...)`,
 * values quoted with `'` or `"`, bare words or numbers. `EARLIEST=...`,
 * `LATEST=...` and anything after a `|` are accepted and ignored. An empty
 * query matches everything.
 * @throws CqlSyntaxError for anything else (`OR`, parentheses, ...).
 */
export function parseCql(text: string | null | undefined): CqlQuery {
  const source = (text ?? "")
    .split("|")[0]
    ?.replace(/\b(earliest|latest)\s*=\s*\S+/gi, " ") ?? "";
  const tokens = tokenize(source);
  let position = 0;
  let from: string[] | undefined;
  if (isWord(tokens[0], "from")) {
    position = 1;
    from = [];
    for (;;) {
      const token = tokens[position];
      if (token?.kind !== "word" || isWord(token, "where")) throw new CqlSyntaxError("expected an event type after FROM");
      from.push(token.text.toLowerCase());
      position += 1;
      if (tokens[position]?.kind === "punct" && (tokens[position] as { text: string }).text === ",") position += 1;
      else break;
    }
  }
  if (isWord(tokens[position], "where")) position += 1;
  const conditions: CqlCondition[] = [];
  while (position < tokens.length) {
    const field = tokens[position];
    if (field?.kind !== "word") throw new CqlSyntaxError("expected a field name");
    const opToken = tokens[position + 1];
    let op: CqlOperator;
    if (opToken?.kind === "op") op = opToken.text as CqlOperator;
    else if (isWord(opToken, "contains")) op = "contains";
    else if (isWord(opToken, "in")) op = "in";
    else throw new CqlSyntaxError(`expected an operator after ${field.text}`);
    position += 2;
    if (op === "in") {
      if (tokens[position]?.kind !== "punct") throw new CqlSyntaxError("expected ( after IN");
      position += 1;
      const values: (string | number)[] = [];
      while (!(tokens[position]?.kind === "punct" && (tokens[position] as { text: string }).text === ")")) {
        values.push(literal(tokens[position]));
        position += 1;
        if (tokens[position]?.kind === "punct" && (tokens[position] as { text: string }).text === ",") position += 1;
        if (position >= tokens.length) throw new CqlSyntaxError("expected ) to close IN");
      }
      position += 1;
      conditions.push({ field: field.text, op, value: values });
    } else {
      conditions.push({ field: field.text, op, value: literal(tokens[position]) });
      position += 1;
    }
    if (position < tokens.length) {
      if (!isWord(tokens[position], "and")) throw new CqlSyntaxError("only AND joins conditions in the sandbox");
      position += 1;
    }
  }
  return { from, conditions };
}

const norm = (value: unknown): string => String(value).toLowerCase();

function compareOne(actual: unknown, op: CqlOperator, expected: string | number | (string | number)[]): boolean {
  if (actual === null || actual === undefined) return op === "!=";
  if (op === "in") return (expected as (string | number)[]).some((value) => norm(actual) === norm(value));
  if (op === "contains") return norm(actual).includes(norm(expected));
  if (op === "=") return norm(actual) === norm(expected);
  if (op === "!=") return norm(actual) !== norm(expected);
  const a = Number(actual);
  const b = Number(expected);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
}

/** Whether a record matches every condition; `get` reads a field (arrays match when any element does). */
export function matchesCql(conditions: readonly CqlCondition[], get: (field: string) => unknown): boolean {
  return conditions.every(({ field, op, value }) => {
    const actual = get(field);
    if (Array.isArray(actual)) {
      return op === "!=" ? actual.every((item) => compareOne(item, op, value)) : actual.some((item) => compareOne(item, op, value));
    }
    return compareOne(actual, op, value);
  });
}
