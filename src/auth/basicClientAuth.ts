import type { ClientAuth } from "openid-client";

/**
 * HTTP Basic client authentication as Taegis expects it and as the Taegis SDK
 * for Python sends it: `Authorization: Basic base64(client_id:client_secret)`
 * with the id and secret taken as they are.
 *
 * openid-client's `ClientSecretBasic` form-url-encodes both before base64
 * (RFC 6749 section 2.3.1), which changes any secret holding `+`, `~` or
 * other reserved characters, and the Taegis token endpoint then rejects it.
 */
export function basicClientAuth(clientSecret: string): ClientAuth {
  return (_server, client, _body, headers) => {
    const credentials = Buffer.from(`${client.client_id}:${clientSecret}`, "utf8").toString("base64");
    headers.set("authorization", `Basic ${credentials}`);
  };
}
