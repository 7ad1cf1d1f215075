import { encode } from "ini";
import { assertRoundTripName, assertStorableValue } from "./configNames.js";
import type { ConfigSections } from "./configSections.js";

/**
 * Writes sections as INI text in the layout Python's configparser writes and
 * reads (`[section]`, then `key = value` lines, a blank line between
 * sections), with the ini package. Empty sections are left out. Every name and
 * value is checked first, so what is written reads back unchanged: a name or
 * value that cannot be stored throws `config_invalid_key` and nothing is
 * written. (New names from callers are held to the stricter rules of
 * `assertSectionName` / `assertKeyName` before they get here.)
 */
export function serializeConfig(sections: ConfigSections, file: string): string {
  const output: Record<string, Record<string, string>> = {};
  for (const [section, entries] of Object.entries(sections)) {
    assertRoundTripName(section, "section", file);
    const keys = Object.entries(entries);
    if (keys.length === 0) continue;
    const checked: Record<string, string> = {};
    for (const [key, value] of keys) {
      assertRoundTripName(key, "key", file);
      assertStorableValue(section, key, value, file);
      checked[key] = value;
    }
    output[section] = checked;
  }
  return encode(output, { whitespace: true, platform: "linux" });
}
