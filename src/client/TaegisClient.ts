import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createServices, type TaegisServices } from "../../generated/index.js";
import { ClientCore } from "./ClientCore.js";
import type { FacadeRunner } from "./facadeRunner.js";
import type { CallOptions, TaegisClientOptions } from "./options.js";
import { resolveClientOptions } from "./resolveClientOptions.js";
import { prepareSubscription } from "./prepareSubscription.js";

/** The keys of `T` that must be given. */
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/**
 * The arguments after the document of {@link TaegisClient.query} and its
 * siblings: the variables (required when the operation has required
 * variables), then the per-call options.
 */
export type OperationArguments<TVariables> = [RequiredKeys<TVariables>] extends [never]
  ? [variables?: TVariables, options?: CallOptions]
  : [variables: TVariables, options?: CallOptions];

/** Set by {@link TaegisClient.with} just before it constructs a view. */
let viewInit: { core: ClientCore; defaults: CallOptions } | undefined;

/** The service facades, declared on the class by declaration merging (they are assigned in the constructor). */
export interface TaegisClient extends TaegisServices {}

/**
 * The Taegis XDR API client: typed GraphQL calls routed to the right region,
 * gateway and tenant, with a token from the credential chain (cached token >
 * client credentials from `CLIENT_ID` / `CLIENT_SECRET` > user login).
 *
 * Every operation the SDK ships is also a method of its service:
 * `client.<service>.<operation>(variables, options?)` returns the operation's
 * root field. Any option of the client can be given per call (last argument)
 * or to a {@link TaegisClient.with} view.
 *
 * Transport safety: URLs must be `https://` (plain `http://` only to loopback
 * addresses), checked before any request; a redirect to another origin is
 * refused rather than followed, so the token never leaves the host it is for;
 * a token is only sent to the region it was issued for, or it is a universal
 * token.
 *
 * @example
 * ```ts
 * import { TaegisClient } from "taegis-sdk";
 *
 * const client = new TaegisClient({ environment: "US1" });
 * const created = await client.clients.createClient({ name: "my_awesome_app", roles: null });
 * console.log(created?.client?.clientID, created?.clientSecret);
 *
 * // The same options per call, or as a view:
 * const tenants = await client.tenants.listTenants({ tenantsQuery: {} }, { environment: "delta" });
 * const universal = client.with({ useUniversalAuthentication: true });
 * ```
 */
export class TaegisClient implements FacadeRunner {
  static {
    // The published bundle is minified without kept names: say the class's name here.
    Object.defineProperty(this, "name", { value: "TaegisClient" });
  }

  readonly #core: ClientCore;
  readonly #defaults: CallOptions;

  /**
   * Makes a client. Options are checked here: an unknown environment, an
   * insecure URL, a bad tenant id or header fails now with a
   * {@link TaegisOptionsError}, before any request. Nothing is sent until the
   * first call.
   */
  constructor(options: TaegisClientOptions = {}) {
    const init = viewInit;
    viewInit = undefined;
    if (init !== undefined) {
      this.#core = init.core;
      this.#defaults = init.defaults;
    } else {
      const resolved = resolveClientOptions(options);
      this.#core = new ClientCore(resolved);
      this.#defaults = resolved.defaults;
    }
    Object.assign(this, createServices(this));
  }

  /**
   * A light view of this client with other defaults: it shares the urql
   * clients, the credential chain and the token cache, and changes nothing in
   * the client it came from. Views of views layer their options.
   *
   * @throws TaegisOptionsError for an option that cannot be used.
   * @example
   * ```ts
   * const eu = client.with({ environment: "eu", tenantId: "11772" });
   * await eu.users.currentTDRUser(); // to echo, X-Tenant-Context: 11772
   * await client.users.currentTDRUser(); // still the client's own environment, no tenant
   * ```
   */
  with(options: CallOptions): TaegisClient {
    const defaults = this.#core.callOptions(this.#defaults, options);
    viewInit = { core: this.#core, defaults };
    try {
      return new TaegisClient();
    } finally {
      viewInit = undefined;
    }
  }

  /**
   * The access token the client would send (the Python SDK's
   * `service.access_token`): the `accessToken` option, else the cached token,
   * else one from client credentials or a user login. With
   * `useUniversalAuthentication` it is the universal token.
   *
   * @example
   * ```ts
   * const token = await client.getAccessToken({ environment: "delta" });
   * ```
   */
  async getAccessToken(options?: CallOptions): Promise<string> {
    const call = this.#callOptions(options);
    if (call.accessToken !== undefined) return call.accessToken;
    const target = this.#core.target(call, undefined);
    const engine = await this.#core.engine();
    const token = await engine.tokenProvider.getToken({
      environment: target.authEnvironment,
      authUrl: target.authUrl,
      ...(call.signal === undefined ? {} : { signal: call.signal }),
    });
    return token.accessToken;
  }

  /**
   * Empties the cached token of the authentication environment these options
   * resolve to (`universal` with universal authentication, else the region),
   * in memory and in the config file (the Python SDK's `clear_access_token()`).
   */
  async clearAccessToken(options?: CallOptions): Promise<void> {
    const target = this.#core.target(this.#callOptions(options), undefined);
    const engine = await this.#core.engine();
    await engine.tokenProvider.clear(target.authEnvironment);
  }

  /**
   * Runs a query and returns its data, typed by the document. The request
   * goes to the gateway of the operation's service (from operations/; the
   * user's own documents go to `/graphql`) in the call's environment, with
   * the tenant as `X-Tenant-Context`.
   *
   * @throws TaegisGraphQLError when the answer carries errors (with the errors, partial data and request id);
   *   TaegisHttpError for an HTTP failure or a body that is not GraphQL; TaegisNetworkError when no answer came
   *   (also `timeout`, `aborted`); TaegisAuthError when no token could be had or the API kept refusing it;
   *   TaegisOptionsError for a bad option.
   * @example
   * ```ts
   * import { CurrentTDRUserDocument } from "taegis-sdk";
   *
   * const data = await client.query(CurrentTDRUserDocument, {}, { tenantId: "11772" });
   * console.log(data.currentTDRUser?.email);
   * ```
   */
  async query<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables, options]: OperationArguments<TVariables>
  ): Promise<TData> {
    return this.#execute<TData>(document, variables, options, undefined);
  }

  /**
   * Runs a mutation and returns its data, typed by the document. Same routing,
   * options and errors as {@link TaegisClient.query}. A mutation is sent again
   * only when the server said it did not process it (429, 503) or the
   * connection never opened.
   */
  async mutation<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables, options]: OperationArguments<TVariables>
  ): Promise<TData> {
    return this.#execute<TData>(document, variables, options, undefined);
  }

  /**
   * Runs a subscription over WebSocket (the legacy `graphql-ws` protocol of
   * the events gateway) and yields the data of each message until the server
   * completes it. Breaking out of the loop (or `return()`) stops it. Options
   * are checked now; the connection opens on the first `next()`.
   *
   * @throws TaegisGraphQLError (from `next()`) when a message carries errors.
   */
  subscribe<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables, options]: OperationArguments<TVariables>
  ): AsyncIterableIterator<TData> {
    return this.#subscribe<TData>(document, variables, options, undefined);
  }

  /** @inheritDoc FacadeRunner.runField */
  async runField<TData, TVariables extends Record<string, unknown>, TField extends keyof TData & string>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
    options: CallOptions | undefined,
    service: string,
    field: TField,
  ): Promise<TData[TField]> {
    const data = await this.#execute<TData>(document, variables, options, service);
    return data[field];
  }

  /** @inheritDoc FacadeRunner.subscribeField */
  subscribeField<TData, TVariables extends Record<string, unknown>, TField extends keyof TData & string>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
    options: CallOptions | undefined,
    service: string,
    field: TField,
  ): AsyncIterableIterator<TData[TField]> {
    const messages = this.#subscribe<TData>(document, variables, options, service);
    const fields: AsyncIterableIterator<TData[TField]> = {
      async next() {
        const message = await messages.next();
        return message.done === true ? { value: undefined, done: true } : { value: message.value[field], done: false };
      },
      async return() {
        await messages.return?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return fields;
      },
    };
    return fields;
  }

  #callOptions(options: CallOptions | undefined): CallOptions {
    return this.#core.callOptions(this.#defaults, options);
  }

  #execute<TData>(
    document: TypedDocumentNode<TData, never>,
    variables: Record<string, unknown> | undefined,
    options: CallOptions | undefined,
    service: string | undefined,
  ): Promise<TData> {
    const call = this.#callOptions(options);
    const engine = this.#core.engine();
    // Once the engine is loaded, calls go on synchronously: no extra await on the hot path.
    if (engine instanceof Promise) return engine.then((loaded) => loaded.execute<TData>(document, variables, call, service));
    return engine.execute<TData>(document, variables, call, service);
  }

  #subscribe<TData>(
    document: TypedDocumentNode<TData, never>,
    variables: Record<string, unknown> | undefined,
    options: CallOptions | undefined,
    service: string | undefined,
  ): AsyncIterableIterator<TData> {
    const subscription = prepareSubscription(this.#core, document, variables, this.#callOptions(options), service);
    const core = this.#core;
    async function* messages(): AsyncGenerator<TData, void, undefined> {
      const engine = await core.engine();
      yield* engine.subscribe<TData>(subscription);
    }
    return messages();
  }
}
