import { newId } from "../ids.js";
import type { PreferenceRecord } from "../state.js";
import { graphqlError, nowIso, type GatewayResolvers } from "./context.js";

interface NewUserPreferenceInput {
  key?: string | null;
  global?: boolean | null;
  preference_items?: ({ key?: string | null; value?: string | null } | null)[] | null;
}

const preferenceView = (record: PreferenceRecord) => ({
  id: record.id,
  key: record.key,
  environment: record.environment,
  user_id: record.subject,
  taegis_user_id: record.subject,
  created_at: record.createdAt,
  updated_at: record.updatedAt,
  preference_items: record.items,
});

/** Preferences of the token's subject, by key; `global` ones have no environment, others the region's name. */
export const preferencesResolvers: GatewayResolvers = {
  Query: {
    userPreferenceByKey: (_: unknown, { key }: { key: string }, { sandbox }) => {
      const record = sandbox.runtime.state.preferences.get(`${sandbox.claims.sub}\n${key}`);
      return record === undefined ? null : preferenceView(record);
    },
  },
  Mutation: {
    createUserPreference: (_: unknown, { newUserPreference }: { newUserPreference?: NewUserPreferenceInput | null }, { sandbox }) => {
      const key = newUserPreference?.key;
      if (typeof key !== "string" || key === "") throw graphqlError("createUserPreference needs newUserPreference.key.", "BAD_USER_INPUT");
      const storeKey = `${sandbox.claims.sub}\n${key}`;
      const existing = sandbox.runtime.state.preferences.get(storeKey);
      const at = nowIso();
      const record: PreferenceRecord = {
        id: existing?.id ?? newId(),
        subject: sandbox.claims.sub,
        key,
        environment: newUserPreference?.global === true ? null : sandbox.region,
        items: (newUserPreference?.preference_items ?? [])
          .filter((item): item is { key?: string | null; value?: string | null } => item !== null)
          .map((item) => ({ key: item.key ?? "", value: item.value ?? "" })),
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      sandbox.runtime.state.preferences.set(storeKey, record);
      return preferenceView(record);
    },
  },
};
