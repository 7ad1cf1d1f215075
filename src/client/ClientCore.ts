import { loadOnFirstUse } from "../loadOnFirstUse.js";
import type { CallEngine } from "./CallEngine.js";
import type { CallOptions } from "./options.js";
import { resolveCallTarget, type CallTarget } from "./resolveCallTarget.js";
import type { ResolvedClientOptions } from "./resolveClientOptions.js";
import { mergeCallOptions, validateCallOptions } from "./validateCallOptions.js";

/**
 * What a `TaegisClient` and all its `with()` views share: the resolved
 * options, the targets of their call defaults, and the {@link CallEngine}
 * (credential chain, token cache, urql exchanges, transport), which is
 * loaded, with the code only calls need, on the first call: importing the SDK
 * and constructing a client load none of it.
 */
export class ClientCore {
  /** The client's options, defaults applied. */
  readonly resolved: ResolvedClientOptions;
  /** The targets of the call defaults of the client and its views (objects that live as long as they do), by service. */
  readonly #targets = new WeakMap<CallOptions, Map<string | undefined, CallTarget>>();
  #engine: CallEngine | undefined;
  #loading: Promise<CallEngine> | undefined;
  #lastKey = 0;

  constructor(resolved: ResolvedClientOptions) {
    this.resolved = resolved;
  }

  /** Layers a call's options (checked here) over a client's or view's defaults. */
  callOptions(defaults: CallOptions, options: CallOptions | undefined): CallOptions {
    if (options !== undefined) return mergeCallOptions(defaults, validateCallOptions(options, this.resolved.table));
    if (!this.#targets.has(defaults)) this.#targets.set(defaults, new Map());
    return defaults;
  }

  /** Where a call goes and whose token it carries (remembered for call defaults, which never change). */
  target(call: CallOptions, service: string | undefined): CallTarget {
    const known = this.#targets.get(call);
    let target = known?.get(service);
    if (target === undefined) {
      target = resolveCallTarget(this.resolved.table, this.resolved.universalAuthenticationUrl, call, service);
      known?.set(service, target);
    }
    return target;
  }

  /**
   * The call engine: itself once loaded (no extra await on the hot path),
   * else the promise of loading it. A failed load (TaegisError
   * `sdk_incomplete`) is tried again by the next call.
   */
  engine(): CallEngine | Promise<CallEngine> {
    if (this.#engine !== undefined) return this.#engine;
    this.#loading ??= loadOnFirstUse(() => import("./CallEngine.js"), "runs a client's calls").then(
      ({ CallEngine }) => (this.#engine = new CallEngine(this)),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /** A new urql operation key: every call is its own operation, never deduplicated with another. */
  nextKey(): number {
    this.#lastKey = (this.#lastKey + 1) | 0;
    return this.#lastKey;
  }
}
