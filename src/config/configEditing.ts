/**
 * What the public config functions (`writeToConfig`, `readConfig`,
 * `removeFromConfig`) run, gathered in one module that they import on first
 * use: the file's store and the checks and edits of its names and values.
 */
export { assertKeyName, assertSectionName, assertStorableValue, assertVariableNameValue } from "./configNames.js";
export { deleteConfigValue, setConfigValue } from "./configSections.js";
export { configStoreFor } from "./ConfigStore.js";
