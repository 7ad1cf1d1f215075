/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per
 * package (or project file) and the heaviest functions, so that a figure of
 * the overhead benchmark can be explained.
 *
 *   npx tsx bench/summarizeProfile.ts /tmp/taegis-prof/*.cpuprofile
 */
import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/<pkg>` for dependencies, `dist/<dir>` for the package, `node:internal` and so on for the rest. */
function bucketOf(url: string): string {
  if (url === "") return "(native / idle / gc)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const dist = url.indexOf("/dist/");
  if (dist >= 0) return `taegis-sdk ${url.slice(dist + 1).split("/").slice(0, 3).join("/")}`;
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  return url.replace(/^file:\/\/.*\/(bench|src|generated)\//, "$1/");
}

for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfUs.values()].reduce((sum, value) => sum + value, 0);
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const bucket = functionName === "(idle)" ? "(idle)" : functionName === "(garbage collector)" ? "(gc)" : bucketOf(url);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const key = `${functionName || "(anonymous)"} ${bucketOf(url)}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const pct = (us: number): string => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n\nself time by package:\n`);
  for (const [bucket, us] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`  ${pct(us)}  ${bucket}\n`);
  process.stdout.write("\nheaviest functions (self time):\n");
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 30)) process.stdout.write(`  ${pct(us)}  ${name}\n`);
}
