import type { GatewayContext } from "../authenticate.js";
import type { UserRecord } from "../state.js";
import { graphqlError, type GatewayResolvers } from "./context.js";

/** The `TDRUser` object of a seeded user. */
export const tdrUserView = (user: UserRecord, context: GatewayContext) => ({
  __typename: "TDRUser",
  id: user.id,
  idp_user_id: user.id,
  user_id: user.id,
  email: user.username,
  email_normalized: user.username.toLowerCase(),
  given_name: user.givenName,
  family_name: user.familyName,
  status: "Registered",
  timezone: user.timezone,
  last_login: user.lastLogin,
  environments: context.runtime.settings.regions,
  accessible_tenants: user.tenantIds.map((id) => {
    const tenant = context.runtime.state.tenants.get(id);
    return { id, name: tenant?.name ?? null, enabled: true, is_partner: tenant?.isPartner ?? false, is_organization: tenant?.isOrganization ?? false };
  }),
});

/** `currentTDRUser`: the user of a user token; null and an error for a client token. */
export const usersResolvers: GatewayResolvers = {
  Query: {
    currentTDRUser: (_: unknown, __: unknown, { sandbox }) => {
      if (sandbox.user === undefined) {
        throw graphqlError("currentTDRUser needs a user token; this access token belongs to an OAuth client (use currentSubject).", "FORBIDDEN");
      }
      return tdrUserView(sandbox.user, sandbox);
    },
  },
};
