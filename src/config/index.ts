/**
 * The public names of the config file, re-exported by src/index.ts. The
 * store itself loads on first use (see publicApi.ts).
 */
export { resolveConfigPath, CONFIG_PATH_VARIABLE, type ConfigLocationOptions } from "./resolveConfigPath.js";
export type { ConfigSections } from "./configSections.js";
export { writeToConfig, readConfig, removeFromConfig, type ConfigOptions } from "./publicApi.js";
