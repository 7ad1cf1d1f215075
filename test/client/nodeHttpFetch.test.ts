import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { nodeHttpFetch } from "../../src/client/nodeHttpFetch.js";

/** What the test server answers, by path. */
const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  "/echo": (request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      response.writeHead(201, "Made It", [
        ["content-type", "application/json"],
        ["x-request-id", "req-1"],
        ["set-cookie", "a=1"],
        ["set-cookie", "b=2"],
      ]);
      response.end(JSON.stringify({ method: request.method, body, tenant: request.headers["x-tenant-context"], length: request.headers["content-length"] }));
    });
  },
  "/gzip": (_request, response) => coded(response, "gzip", gzipSync),
  "/deflate": (_request, response) => coded(response, "deflate", deflateSync),
  "/br": (_request, response) => coded(response, "br", brotliCompressSync),
  "/empty": (_request, response) => {
    response.writeHead(204);
    response.end();
  },
  "/redirect": (_request, response) => {
    response.writeHead(302, { location: "/echo" });
    response.end();
  },
  "/stall": (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"partial":');
  },
  "/cut": (request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    response.write('{"partial":');
    setTimeout(() => request.socket.destroy(), 20);
  },
};

function coded(response: ServerResponse, coding: string, encode: (input: Buffer) => Buffer): void {
  response.writeHead(200, { "content-type": "application/json", "content-encoding": coding });
  response.end(encode(Buffer.from(JSON.stringify({ coding }))));
}

let server: Server;
let base: string;
const sockets = new Set<Socket>();
let connections = 0;

beforeAll(async () => {
  server = createServer((request, response) => routes[request.url ?? ""]?.(request, response));
  server.on("connection", (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const post = (path: string, init: RequestInit = {}): Promise<Response> =>
  nodeHttpFetch(`${base}${path}`, { method: "POST", body: '{"query":"{ a }"}', headers: { "x-tenant-context": "50001" }, redirect: "manual", ...init });

test("sends the method, headers and body, and answers with the status, status text, every header and the body", async () => {
  const response = await post("/echo");
  expect(response.status).toBe(201);
  expect(response.statusText).toBe("Made It");
  expect(response.headers.get("x-request-id")).toBe("req-1");
  expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  expect(await response.json()).toEqual({ method: "POST", body: '{"query":"{ a }"}', tenant: "50001", length: "17" });
});

test("headers given as a Headers object or as pairs are sent too", async () => {
  for (const headers of [new Headers({ "x-tenant-context": "7" }), [["x-tenant-context", "7"]] as [string, string][]]) {
    const response = await post("/echo", { headers });
    expect(((await response.json()) as { tenant: string }).tenant).toBe("7");
  }
});

test("sequential requests reuse one keep-alive connection", async () => {
  await post("/echo");
  const before = connections;
  for (let i = 0; i < 20; i++) await (await post("/echo")).text();
  expect(connections).toBe(before);
});

test.each(["gzip", "deflate", "br"])("a %s-coded answer is decoded, as fetch decodes it", async (coding) => {
  const response = await post(`/${coding}`);
  expect(await response.json()).toEqual({ coding });
});

test("a 204 answer has an empty body", async () => {
  const response = await post("/empty");
  expect(response.status).toBe(204);
  expect(await response.text()).toBe("");
});

test("a redirect is answered as it is, not followed (redirect: manual)", async () => {
  const response = await post("/redirect");
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/echo");
});

test("redirects to follow, and Request objects, go to the global fetch, which follows", async () => {
  const followed = await post("/redirect", { redirect: "follow", method: "GET", body: null });
  expect(followed.status).toBe(201);
  const viaRequest = await nodeHttpFetch(new Request(`${base}/echo`, { method: "POST", body: "x" }));
  expect(((await viaRequest.json()) as { body: string }).body).toBe("x");
});

test("a signal aborted before the call rejects at once with its reason", async () => {
  const controller = new AbortController();
  controller.abort(new Error("stop"));
  await expect(post("/echo", { signal: controller.signal })).rejects.toThrow("stop");
});

test("a signal fired while the body is still coming rejects with an AbortError and closes the connection", async () => {
  const controller = new AbortController();
  const open = sockets.size;
  const pending = post("/stall", { signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, 50));
  controller.abort();
  await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  await expect.poll(() => sockets.size).toBeLessThanOrEqual(open);
});

test("a connection cut before the body is complete rejects with ECONNRESET", async () => {
  await expect(post("/cut")).rejects.toMatchObject({ code: "ECONNRESET" });
});

test("a refused connection rejects with ECONNREFUSED (nothing reached a server)", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await expect(nodeHttpFetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "{}", redirect: "manual" })).rejects.toMatchObject({ code: "ECONNREFUSED" });
});

test("idle keep-alive connections do not keep a process running", async () => {
  const script = `
    const { nodeHttpFetch } = await import(${JSON.stringify(fileURLToPath(new URL("../../src/client/nodeHttpFetch.ts", import.meta.url)))});
    const response = await nodeHttpFetch(${JSON.stringify(`${base}/echo`)}, { method: "POST", body: "{}", redirect: "manual" });
    console.log(response.status);
  `;
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(0);
  expect(output.trim()).toBe("201");
  // The server keeps the connection open for 5 s (Node's keepAliveTimeout); the process must not wait for it.
  expect(Date.now() - started).toBeLessThan(4_500);
});
