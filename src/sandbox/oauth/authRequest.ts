import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxRuntime } from "../runtime.js";

/** A request to one of the OAuth or device-code endpoints, body already read. */
export interface AuthRequest {
  readonly runtime: SandboxRuntime;
  /** The auth environment the endpoint belongs to: a region name or `universal`. */
  readonly environment: string;
  /** The environment's base URL, e.g. `http://127.0.0.1:PORT/us1`. */
  readonly prefixUrl: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The request body as text. */
  readonly body: string;
  /** The query string parameters. */
  readonly query: URLSearchParams;
}
