import type { PluginFunction } from "@graphql-codegen/plugin-helpers";
import { GENERATED_HEADER, camelCase, pascalCase, resultTypeName } from "./naming.js";
import type { ServiceInfo } from "./services.js";

/** Config of the index plugin: every service of operations/. */
export interface IndexPluginConfig {
  services: ServiceInfo[];
}

/** Writes generated/index.ts: documents, routing table and the facade type of the client. */
export const plugin: PluginFunction<IndexPluginConfig> = (_schema, _documents, config) => {
  const { services } = config;
  const lines: string[] = [GENERATED_HEADER, 'import type { FacadeRunner } from "../src/client/facadeRunner.js";'];
  for (const service of services) {
    lines.push(`import { create${pascalCase(service.name)}Service, type ${pascalCase(service.name)}Service } from "./${service.name}/facade.js";`);
  }
  lines.push("");
  for (const service of services) {
    const names = service.operations.flatMap((operation) => {
      const result = resultTypeName(operation.name, operation.kind);
      return [`  ${operation.name}Document,`, `  type ${result},`, `  type ${result}Variables,`];
    });
    lines.push("export {", ...names, `} from "./${service.name}/operations.js";`);
    lines.push(`/** Enums and input types of the \`${service.name}\` service, as its endpoint's schema declares them. */`);
    lines.push(`export * as ${camelCase(service.name)}Types from "./${service.name}/operations.js";`);
    lines.push(`export type { ${pascalCase(service.name)}Service } from "./${service.name}/facade.js";`);
  }
  lines.push("");
  lines.push("/** The service (folder of operations/) of every operation the SDK ships, by operation name: it decides the gateway. */");
  lines.push("export const OPERATION_SERVICES: Readonly<Record<string, string>> = {");
  for (const service of services) {
    for (const operation of service.operations) lines.push(`  ${operation.name}: "${service.name}",`);
  }
  lines.push("};");
  lines.push("");
  lines.push("/** The typed service facades of `TaegisClient`: `client.<service>.<operation>(variables, options?)`. */");
  lines.push("export interface TaegisServices {");
  for (const service of services) {
    lines.push(`  /** The \`${service.name}\` service. */`);
    lines.push(`  readonly ${camelCase(service.name)}: ${pascalCase(service.name)}Service;`);
  }
  lines.push("}");
  lines.push("");
  lines.push("/** Builds every service facade over a runner (a `TaegisClient`). */");
  lines.push("export function createServices(runner: FacadeRunner): TaegisServices {");
  lines.push("  return {");
  for (const service of services) {
    lines.push(`    ${camelCase(service.name)}: create${pascalCase(service.name)}Service(runner),`);
  }
  lines.push("  };");
  lines.push("}");
  lines.push("");
  return lines.join("\n");
};
