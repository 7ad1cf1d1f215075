import type { PluginFunction } from "@graphql-codegen/plugin-helpers";
import { GENERATED_HEADER, methodName, pascalCase, resultTypeName } from "./naming.js";
import type { OperationInfo, ServiceInfo } from "./services.js";

/** Config of the facade plugin: the service whose facade it writes. */
export interface FacadePluginConfig {
  service: ServiceInfo;
  gateway: string;
}

const docComment = (lines: string[], indent: string): string =>
  [`${indent}/**`, ...lines.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`].join("\n");

function signature(operation: OperationInfo): string {
  const result = resultTypeName(operation.name, operation.kind);
  const variables = `${result}Variables`;
  const parameter = operation.hasRequiredVariables ? `variables: ${variables}` : `variables?: ${variables}`;
  const returned =
    operation.kind === "subscription"
      ? `AsyncIterableIterator<${result}["${operation.field}"]>`
      : `Promise<${result}["${operation.field}"]>`;
  return `${methodName(operation.name)}(${parameter}, options?: CallOptions): ${returned}`;
}

function methodDoc(operation: OperationInfo): string {
  const returns =
    operation.kind === "subscription"
      ? `Yields the \`${operation.field}\` field of each message until the server completes the subscription.`
      : `Returns the \`${operation.field}\` field; throws \`TaegisGraphQLError\` when the answer carries errors.`;
  return docComment([operation.summary, "", `\`${operation.kind} ${operation.name}\` (${operation.file}). ${returns}`], "  ");
}

function implementation(operation: OperationInfo, service: string): string {
  const call = operation.kind === "subscription" ? "subscribeField" : "runField";
  return `    ${methodName(operation.name)}: (variables, options) =>\n      runner.${call}(${operation.name}Document, variables, options, "${service}", "${operation.field}"),`;
}

/** Writes generated/<service>/facade.ts: the typed `client.<service>.<operation>()` methods. */
export const plugin: PluginFunction<FacadePluginConfig> = (_schema, _documents, config) => {
  const { service, gateway } = config;
  const serviceType = `${pascalCase(service.name)}Service`;
  const imports = service.operations.flatMap((operation) => {
    const result = resultTypeName(operation.name, operation.kind);
    return [`  ${operation.name}Document,`, `  type ${result},`, `  type ${result}Variables,`];
  });
  return [
    GENERATED_HEADER,
    'import type { CallOptions } from "../../src/client/options.js";',
    'import type { FacadeRunner } from "../../src/client/facadeRunner.js";',
    "import {",
    ...imports,
    '} from "./operations.js";',
    "",
    docComment([`The operations of the \`${service.name}\` service (operations/${service.name}/), served on \`${gateway}\`.`], ""),
    `export interface ${serviceType} {`,
    service.operations.map((operation) => `${methodDoc(operation)}\n  ${signature(operation)};`).join("\n"),
    "}",
    "",
    docComment([`Builds the \`${service.name}\` facade over a runner (a \`TaegisClient\`).`], ""),
    `export function create${serviceType}(runner: FacadeRunner): ${serviceType} {`,
    "  return {",
    ...service.operations.map((operation) => implementation(operation, service.name)),
    "  };",
    "}",
    "",
  ].join("\n");
};
