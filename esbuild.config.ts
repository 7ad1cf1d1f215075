/**
 * The JavaScript half of `npm run build` (the type declarations come from
 * `tsc -p tsconfig.build.json`): bundles the SDK's own code with esbuild, so
 * that `import("taegis-sdk")` reads one file of ours instead of one per module.
 *
 * - `src/index.ts` (the SDK) -> `dist/src/index.js`, one file: Node pays a
 *   fixed cost per module file it loads, so there is no code splitting. The
 *   dependencies the SDK imports lazily (ws, openid-client, proper-lockfile)
 *   stay `import()`s of their packages, run on first use.
 * - `src/sandbox/index.ts` (the sandbox) -> `dist/src/sandbox/index.js`. What
 *   it uses from outside src/sandbox/ (the error classes, the region table) it
 *   imports from the SDK's entry, `../index.js`, rather than holding copies,
 *   so that an error the sandbox throws is an instance of the SDK's class.
 * - Dependencies stay imports of their packages (`packages: "external"`), so
 *   that they resolve from the user's node_modules as package.json declares;
 *   except the few small ones in {@link INLINED_PACKAGES}.
 * - Minified, with names kept (error classes take their `name` from the
 *   class), and with source maps that lead back to src/.
 *
 * Each file is next to its `.d.ts`. Run with `tsx esbuild.config.ts`, from
 * the package root.
 */
import { relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";

const SANDBOX_DIR = resolve("src/sandbox");

/** The exports of `src/index.ts` that the sandbox may import from the SDK's entry. */
const SHARED_WITH_SANDBOX = new Set([resolve("src/environments.ts"), resolve("src/errors/TaegisOptionsError.ts")]);

/** Resolves the sandbox's imports of SDK modules to the built SDK entry, `dist/src/index.js`. */
const sdkFromEntry: Plugin = {
  name: "sdk-from-entry",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(`${SANDBOX_DIR}${sep}`)) return undefined;
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts");
      if (target.startsWith(`${SANDBOX_DIR}${sep}`)) return undefined;
      if (!SHARED_WITH_SANDBOX.has(target)) {
        return { errors: [{ text: `The sandbox imports ${relative(".", target)}: import it from the SDK's public surface (src/index.ts) and list it in SHARED_WITH_SANDBOX.` }] };
      }
      return { path: "../index.js", external: true };
    });
  },
};

/**
 * Small dependencies whose code is bundled into the SDK's file instead of
 * imported: every module file Node loads has a fixed cost (a few ms on a
 * small machine), and these are eight files for about 30 KB.
 */
const INLINED_PACKAGES = new Set(["jose/jwt/decode", "ini", "@urql/exchange-auth", "@urql/exchange-retry"]);

/**
 * Bundles {@link INLINED_PACKAGES} while every other package stays external.
 * They are resolved as Node's ESM loader resolves them from the package root
 * (only the SDK's own modules import them).
 */
const inlineSmallPackages: Plugin = {
  name: "inline-small-packages",
  setup(plugin) {
    plugin.onResolve({ filter: /^[@a-z]/ }, (args) => {
      if (!INLINED_PACKAGES.has(args.path)) return undefined;
      return { path: fileURLToPath(import.meta.resolve(args.path)) };
    });
  },
};

const common: BuildOptions = {
  outbase: ".",
  outdir: "dist",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  minify: true,
  keepNames: true,
  logLevel: "warning",
};

await build({ ...common, entryPoints: ["src/index.ts"], plugins: [inlineSmallPackages] });
await build({ ...common, entryPoints: ["src/sandbox/index.ts"], plugins: [sdkFromEntry] });

// Both entries must link: every name the sandbox imports from `../index.js` is exported there.
await import(pathToFileURL(resolve("dist/src/index.js")).href);
await import(pathToFileURL(resolve("dist/src/sandbox/index.js")).href);
