import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the test server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A scripted HTTP server on 127.0.0.1, port 0. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** What the handler answers: status, JSON (or raw text) body, headers; or a delay before answering. */
export interface ScriptedAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Starts a server whose answers come from `handler`. */
export async function startLoopbackServer(handler: (request: RecordedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: new URL(req.url ?? "/", "http://x").pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      void (async () => {
        const answer = await handler(recorded);
        if (answer.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        if (res.destroyed) return;
        const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? "");
        const type = answer.json !== undefined ? { "content-type": "application/json" } : {};
        res.writeHead(answer.status ?? 200, { ...type, ...answer.headers });
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
