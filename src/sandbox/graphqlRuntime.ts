/**
 * The one graphql-js instance the sandbox uses. graphql@16 ships both a
 * CommonJS build (`index.js`, what Node resolves `graphql` to, and what
 * graphql-yoga loads) and an ES module build (`index.mjs`, what bundlers and
 * vitest pick from its `module` field). Schemas and errors made by one are
 * refused by the other ("Cannot use GraphQLSchema from another module or
 * realm"), so the sandbox names the CommonJS entry explicitly.
 */
export {
  GraphQLError,
  buildSchema,
  execute,
  getOperationAST,
  isInterfaceType,
  isUnionType,
  parse,
  subscribe,
  validate,
  validateSchema,
} from "graphql/index.js";
export type { DocumentNode, ExecutionResult, GraphQLObjectType, GraphQLSchema } from "graphql/index.js";
