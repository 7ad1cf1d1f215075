import type { GatewayResolvers } from "./context.js";
import { tdrUserView } from "./users.js";

/** `currentSubject`: the identity behind the token, user or OAuth client. */
export const subjectsResolvers: GatewayResolvers = {
  Query: {
    currentSubject: (_: unknown, __: unknown, { sandbox }) => {
      const { user, client, claims } = sandbox;
      if (user !== undefined) {
        return {
          id: user.id,
          name: user.username,
          displayName: `${user.givenName} ${user.familyName}`,
          identity: tdrUserView(user, sandbox),
        };
      }
      if (client !== undefined) {
        return {
          id: claims.sub,
          name: client.name,
          displayName: client.name,
          identity: { __typename: "Client", id: client.id, clientID: client.clientID, name: client.name, tenantID: client.tenantID, environment: client.environment },
        };
      }
      return { id: claims.sub, name: claims.sub, displayName: claims.sub, identity: null };
    },
  },
  abstractTypes: {
    SubjectIdentity: (value) => (value as { __typename?: string }).__typename,
  },
};
