// Prints how long `import(specifier)` takes in this fresh process, in ms, as JSON.
// Usage: node bench/child/importTime.mjs <specifier>
const specifier = process.argv[2];
if (!specifier) throw new Error("usage: importTime.mjs <specifier>");
const start = performance.now();
await import(specifier);
const importMs = performance.now() - start;
process.stdout.write(`${JSON.stringify({ importMs, sinceProcessStartMs: performance.now() })}\n`);
