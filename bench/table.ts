import { ratio, type Summary } from "./stats.js";

/** One line of the benchmark table. */
export interface TableRow {
  /** What was measured, e.g. `per-call, 2000 sequential`. */
  name: string;
  /** Unit of the figures, e.g. `ms`, `µs/call`, `requests`, `bytes`. */
  unit: string;
  /** The SDK's median (or the count, for counters). */
  median: number;
  /** The SDK's p99, when the figure has a distribution. */
  p99?: number;
  /** The baseline's median, measured in the same run. */
  baselineMedian?: number;
  /** The baseline's p99. */
  baselineP99?: number;
  /** What the baseline is, e.g. `fetch`, `@urql/core`, `target`. */
  baseline?: string;
  /** SDK median / baseline median. */
  ratio?: number;
  /** The target, as text: `<= 1.10`, `= 1`, `= 0`. */
  target?: string;
  /** Whether the target was met; undefined when there is none. */
  met?: boolean;
}

/** What {@link comparisonRow} takes besides the two summaries. */
export interface ComparisonOptions {
  name: string;
  unit: string;
  /** What the baseline is, e.g. `fetch`. */
  baseline: string;
  /** Factor from the summaries' unit to the row's (1000 for ms -> µs). Default 1. */
  scale?: number;
  /** The most the ratio may be, when there is a target. */
  maxRatio?: number;
}

/** A row comparing the SDK's summary with its baseline's: medians, p99s, their ratio, and the target when there is one. */
export function comparisonRow(sdk: Summary, base: Summary, options: ComparisonOptions): TableRow {
  const scale = options.scale ?? 1;
  const sdkOverBase = ratio(sdk.median, base.median);
  return {
    name: options.name,
    unit: options.unit,
    median: sdk.median * scale,
    p99: sdk.p99 * scale,
    baseline: options.baseline,
    baselineMedian: base.median * scale,
    baselineP99: base.p99 * scale,
    ratio: sdkOverBase,
    ...(options.maxRatio === undefined ? {} : { target: `<= ${options.maxRatio.toFixed(2)}`, met: sdkOverBase <= options.maxRatio }),
  };
}

/** Formats a number for the table: whole numbers from 100 up with thousands separators, smaller ones with 1 to 3 decimals. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return "";
  if (Number.isNaN(value)) return "n/a";
  if (Number.isInteger(value) || Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

const HEADERS = ["benchmark", "unit", "median", "p99", "baseline", "base median", "base p99", "ratio", "target", "ok"] as const;

function cells(row: TableRow): string[] {
  return [
    row.name,
    row.unit,
    formatNumber(row.median),
    formatNumber(row.p99),
    row.baseline ?? "",
    formatNumber(row.baselineMedian),
    formatNumber(row.baselineP99),
    row.ratio === undefined ? "" : formatNumber(row.ratio),
    row.target ?? "",
    row.met === undefined ? "" : row.met ? "yes" : "NO",
  ];
}

/** Renders rows as a plain-text table with aligned columns (numbers right-aligned). */
export function formatTable(rows: readonly TableRow[]): string {
  const body = rows.map(cells);
  const all = [HEADERS.slice() as string[], ...body];
  const widths = HEADERS.map((_, column) => Math.max(...all.map((line) => (line[column] ?? "").length)));
  const numeric = new Set([2, 3, 5, 6, 7]);
  const render = (line: string[]): string =>
    line
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [render(all[0] as string[]), rule, ...body.map(render)].join("\n");
}

/** Renders rows as a Markdown table, for the README's Performance section. */
export function formatMarkdownTable(rows: readonly TableRow[]): string {
  const line = (values: readonly string[]): string => `| ${values.join(" | ")} |`;
  return [line(HEADERS), line(HEADERS.map(() => "---")), ...rows.map((row) => line(cells(row)))].join("\n");
}
