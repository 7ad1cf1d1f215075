import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildClientSchema, getIntrospectionQuery, parse, printSchema, type IntrospectionQuery } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { TaegisClient } from "../src/client/TaegisClient.js";
import { ENDPOINT_SCHEMAS } from "./services.js";

/** The introspection query, typed by its result. */
const IntrospectionDocument = parse(getIntrospectionQuery({ descriptions: true })) as TypedDocumentNode<
  IntrospectionQuery,
  Record<string, never>
>;

/** One service that lives on each endpoint, by schema file; the default gateway's file has none. */
function endpointServices(): Map<string, string | undefined> {
  const services = new Map<string, string | undefined>([["graphql.graphql", undefined]]);
  for (const [service, file] of Object.entries(ENDPOINT_SCHEMAS)) if (!services.has(file)) services.set(file, service);
  return services;
}

/** Options of {@link pullSchemas}. */
export interface PullSchemasOptions {
  /** The client to introspect with: its environment, credentials and transport. */
  client: TaegisClient;
  /** The directory to write the SDL files to (schema/ of the project). */
  outDir: string;
}

/**
 * Introspects every GraphQL endpoint of the client's environment (the
 * `/graphql` gateway, the other gateways, and the tenants host) and writes one
 * SDL file per endpoint, named as schema/ names them.
 * @returns the files written.
 */
export async function pullSchemas(options: PullSchemasOptions): Promise<string[]> {
  await mkdir(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const [file, service] of endpointServices()) {
    const data = await options.client.runField(IntrospectionDocument, {}, undefined, service ?? "default", "__schema");
    const sdl = printSchema(buildClientSchema({ __schema: data }));
    const path = join(options.outDir, file);
    await writeFile(path, `${sdl}\n`);
    written.push(path);
  }
  return written;
}
