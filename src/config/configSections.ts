/**
 * The content of the config file: section name -> key -> value, all strings.
 * Sections are authentication environments (`charlie`, `delta`, ...,
 * `universal`); keys are `access_token`, and `CLIENT_ID` / `CLIENT_SECRET`
 * holding the names of the environment variables to read.
 */
export type ConfigSections = Record<string, Record<string, string>>;

/**
 * Finds the key of `section` that matches `key`: the exact spelling first,
 * else one that differs only in case. Python's configparser lowercases keys
 * when it writes (`client_id`), and reads them case-insensitively, so both
 * SDKs agree on one file only if keys are looked up this way.
 */
function matchingKey(entries: Record<string, string>, key: string): string | undefined {
  if (Object.hasOwn(entries, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(entries).find((candidate) => candidate.toLowerCase() === lower);
}

/**
 * The value of `key` in `section`, matching the key case-insensitively (as
 * Python's configparser does), or undefined.
 *
 * @example
 * ```ts
 * const sections = await readConfig();
 * const clientIdVariable = configValue(sections, "charlie", "CLIENT_ID") ?? "CLIENT_ID";
 * ```
 */
export function configValue(sections: ConfigSections, section: string, key: string): string | undefined {
  const entries = Object.hasOwn(sections, section) ? sections[section] : undefined;
  if (entries === undefined) return undefined;
  const found = matchingKey(entries, key);
  return found === undefined ? undefined : entries[found];
}

/**
 * Sets `key` in `section` (creating the section), replacing any key that
 * differs from it only in case, so the file never holds two spellings of one
 * key (Python's configparser rejects such a file).
 */
export function setConfigValue(sections: ConfigSections, section: string, key: string, value: string): void {
  const entries = Object.hasOwn(sections, section) ? sections[section] : undefined;
  const target = entries ?? {};
  for (const candidate of Object.keys(target)) {
    if (candidate !== key && candidate.toLowerCase() === key.toLowerCase()) delete target[candidate];
  }
  target[key] = value;
  sections[section] = target;
}

/**
 * Removes `key` (in any case) from `section`, and the section when it is left
 * empty. Returns whether anything was removed.
 */
export function deleteConfigValue(sections: ConfigSections, section: string, key: string): boolean {
  const entries = Object.hasOwn(sections, section) ? sections[section] : undefined;
  if (entries === undefined) return false;
  let removed = false;
  for (const candidate of Object.keys(entries)) {
    if (candidate.toLowerCase() === key.toLowerCase()) {
      delete entries[candidate];
      removed = true;
    }
  }
  if (Object.keys(entries).length === 0) delete sections[section];
  return removed;
}
