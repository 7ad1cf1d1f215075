import type { IGraphQLProject, IGraphQLProjects } from "graphql-config";
import { readServices } from "./codegen/services.js";

/**
 * Editor support (the GraphQL language server, e.g. the VS Code "GraphQL:
 * Language Feature Support" extension or JetBrains' GraphQL plugin): one
 * project per endpoint schema, each covering the operations of the services
 * that live on that endpoint, so completion inside operations/<service>/*.graphql
 * offers exactly the fields that endpoint has.
 */
const projects: Record<string, IGraphQLProject & { documents: string[] }> = {};
for (const service of readServices(import.meta.dirname)) {
  const name = service.schemaFile.replace(/^schema\//, "").replace(/\.graphql$/, "");
  const project = projects[name] ?? { schema: service.schemaFile, documents: [] };
  project.documents.push(`operations/${service.name}/*.graphql`);
  projects[name] = project;
}

const config: IGraphQLProjects = { projects };

export default config;
