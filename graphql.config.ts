import type { IGraphQLConfig } from "graphql-config";
import { readServices } from "./codegen/services.js";

/**
 * Editor support (the GraphQL language server, e.g. the VS Code "GraphQL:
 * Language Feature Support" extension or JetBrains' GraphQL plugin): one
 * project per endpoint schema, each covering the operations of the services
 * that live on that endpoint, so completion inside operations/<service>/*.graphql
 * offers exactly the fields that endpoint has.
 */
const projects: NonNullable<IGraphQLConfig["projects"]> = {};
for (const service of readServices(import.meta.dirname)) {
  const name = service.schemaFile.replace(/^schema\//, "").replace(/\.graphql$/, "");
  const project = projects[name] ?? { schema: service.schemaFile, documents: [] as string[] };
  (project.documents as string[]).push(`operations/${service.name}/*.graphql`);
  projects[name] = project;
}

const config: IGraphQLConfig = { projects };

export default config;
