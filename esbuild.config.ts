/**
 * The JavaScript half of `npm run build` (the type declarations come from
 * `tsc -p tsconfig.build.json`): bundles the SDK's own code with esbuild, so
 * that `import("taegis-sdk")` reads a few files of ours instead of one per
 * module.
 *
 * - `src/index.ts` (the SDK) -> `dist/src/index.js`, with code splitting
 *   into `dist/src/chunks/`: what the SDK's sources import with `import()`
 *   (the call engine of a client, `src/client/CallEngine.ts`, with the
 *   credential chain, the config store and urql; the config functions' store)
 *   becomes chunks loaded on first use, so that `import("taegis-sdk")` reads
 *   the entry and the one or two chunks it shares with them (errors, the
 *   region table, the generated documents), and none of the SDK's
 *   dependencies. The dependencies the SDK imports lazily (ws, openid-client,
 *   proper-lockfile) stay `import()`s of their packages, run on first use.
 * - `src/sandbox/index.ts` (the sandbox) -> `dist/src/sandbox/index.js`. What
 *   it uses from outside src/sandbox/ (the error classes, the region table) it
 *   imports from the SDK's entry, `../index.js`, rather than holding copies,
 *   so that an error the sandbox throws is an instance of the SDK's class.
 * - Dependencies stay imports of their packages (`packages: "external"`), so
 *   that they resolve from the user's node_modules as package.json declares;
 *   except the few small ones in {@link INLINED_PACKAGES} (`ini` of which
 *   runs on first use, {@link iniOnFirstUse}).
 * - The generated documents hold their definitions as JSON strings, parsed
 *   on first use ({@link documentsAsJson}): V8 compiles a string literal much
 *   faster than the object literal, and start-up is mostly compile time.
 * - Minified, without esbuild's `keepNames` (it wraps every function and
 *   class in a naming call, run at import): the error classes, whose `name`
 *   users read, set it explicitly; other classes' `name`s are minified.
 *   The sandbox, not a start-up path, keeps `keepNames`. Source maps lead
 *   back to src/ and generated/.
 *
 * Each file is next to its `.d.ts`. Run with `tsx esbuild.config.ts`, from
 * the package root.
 */
import { readFile } from "node:fs/promises";
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

/** An exported document of a generated `operations.ts`: one line, `export const X = {...} as unknown as DocumentNode<...>;`. */
const DOCUMENT_LINE = /^(export const \w+ = )(\{"kind":"Document",.*\})( as unknown as DocumentNode<.*>;)$/gm;

/** The module {@link documentsAsJson} imports `lazyDocument` from. */
const LAZY_DOCUMENT_MODULE = "taegis-sdk:lazy-document";

/**
 * `lazyDocument(json)`: a plain `{ kind: "Document", definitions }` object,
 * made at import, whose `definitions` are parsed from `json` on first read
 * and then stored as an ordinary data property (kept in the closure as well,
 * should the document have been frozen before). The object is the export, so
 * its identity (what the client and urql cache by) is fixed at import; only
 * the parse waits until the document is used.
 */
const LAZY_DOCUMENT_SOURCE = `
export function lazyDocument(json) {
  const document = { kind: "Document" };
  let definitions;
  const settle = (value) => {
    definitions = value;
    if (Object.isExtensible(document)) Object.defineProperty(document, "definitions", { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(document, "definitions", {
    enumerable: true,
    configurable: true,
    get: () => definitions ?? settle(JSON.parse(json)),
    set: settle,
  });
  return document;
}
`;

/**
 * Loads each generated `operations.ts` with its documents' object literals
 * replaced by `lazyDocument("<definitions as JSON>")`: V8 compiles a string
 * literal much faster than the object literal it holds, and nothing is
 * parsed at import but the documents a program uses. Each export is still
 * one plain DocumentNode object. The build fails if a document is not in the
 * expected one-line form, rather than bundling it unchanged.
 */
const documentsAsJson: Plugin = {
  name: "documents-as-json",
  setup(plugin) {
    plugin.onResolve({ filter: new RegExp(`^${LAZY_DOCUMENT_MODULE}$`) }, (args) => ({ path: args.path, namespace: LAZY_DOCUMENT_MODULE }));
    plugin.onLoad({ filter: /.*/, namespace: LAZY_DOCUMENT_MODULE }, () => ({ contents: LAZY_DOCUMENT_SOURCE, loader: "js" }));
    plugin.onLoad({ filter: /[\\/]generated[\\/][^\\/]+[\\/]operations\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const errors: string[] = [];
      let replaced = 0;
      const contents = source.replace(DOCUMENT_LINE, (line, head: string, literal: string, tail: string) => {
        const document = JSON.parse(literal) as Record<string, unknown>;
        if (Object.keys(document).join() !== "kind,definitions") {
          errors.push(`${relative(".", args.path)}: a document has members other than kind and definitions: ${head.trim()}`);
          return line;
        }
        replaced += 1;
        return `${head}lazyDocument(${JSON.stringify(JSON.stringify(document.definitions))})${tail}`;
      });
      const documents = source.match(/\{"kind":"Document",/g)?.length ?? 0;
      if (replaced !== documents && errors.length === 0) {
        errors.push(`${relative(".", args.path)}: ${documents - replaced} of its ${documents} documents are not in the one-line form documents-as-json expects.`);
      }
      if (errors.length > 0) return { errors: errors.map((text) => ({ text })) };
      return { contents: `import { lazyDocument } from "${LAZY_DOCUMENT_MODULE}";\n${contents}`, loader: "ts" };
    });
  },
};

/** The module {@link iniOnFirstUse} puts in place of `ini` for the SDK's modules. */
const LAZY_INI_MODULE = "taegis-sdk:lazy-ini";

/**
 * `ini`'s functions, each running the bundled copy of `ini` (a CommonJS
 * module) on its first call rather than at import: the config file is read
 * when a client needs it, not when the SDK is imported.
 */
const LAZY_INI_SOURCE = `
let ini;
const load = () => (ini ??= require("ini"));
export const decode = (...args) => load().decode(...args);
export const parse = (...args) => load().parse(...args);
export const encode = (...args) => load().encode(...args);
export const stringify = (...args) => load().stringify(...args);
export const safe = (...args) => load().safe(...args);
export const unsafe = (...args) => load().unsafe(...args);
`;

/**
 * Resolves the SDK's `import { ... } from "ini"` to {@link LAZY_INI_SOURCE}
 * (esbuild would otherwise run a bundled CommonJS module as soon as the
 * bundle is imported); its own `require("ini")` goes on to the package.
 */
const iniOnFirstUse: Plugin = {
  name: "ini-on-first-use",
  setup(plugin) {
    plugin.onResolve({ filter: /^ini$/ }, (args) => {
      if (args.namespace === LAZY_INI_MODULE) return undefined;
      return { path: LAZY_INI_MODULE, namespace: LAZY_INI_MODULE };
    });
    plugin.onLoad({ filter: /.*/, namespace: LAZY_INI_MODULE }, () => ({ contents: LAZY_INI_SOURCE, loader: "js", resolveDir: resolve(".") }));
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
  logLevel: "warning",
};

await build({
  ...common,
  entryPoints: ["src/index.ts"],
  splitting: true,
  chunkNames: "src/chunks/[name]-[hash]",
  plugins: [iniOnFirstUse, inlineSmallPackages, documentsAsJson],
});
await build({ ...common, entryPoints: ["src/sandbox/index.ts"], keepNames: true, plugins: [sdkFromEntry] });

// Both entries must link: every name the sandbox imports from `../index.js` is exported there.
await import(pathToFileURL(resolve("dist/src/index.js")).href);
await import(pathToFileURL(resolve("dist/src/sandbox/index.js")).href);
