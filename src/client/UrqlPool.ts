import type { Client } from "@urql/core";

/** Operations in flight on one urql client before another client of the pool is used. */
const LANE_CAPACITY = 24;
/** The most urql clients of one pool. */
const MAX_LANES = 16;

/**
 * The urql clients of one authentication environment, used by how many
 * operations each has in flight.
 *
 * An urql Client sends every result through one shared stream that each of its
 * in-flight operations filters by key (and every operation and teardown
 * through a filter of each), so the work per call grows with the number of
 * calls in flight. Sequential calls all use the first client; concurrent
 * calls spread over up to 16 clients, at most 24 in flight on each before the
 * next client is made, so that a burst of 200 calls costs each call a bounded
 * share of that work. The clients share the credential chain and its
 * re-authentication (see {@link createTokenReplacer}), so that a burst of
 * 401s still gets one new token.
 */
export class UrqlPool {
  readonly #make: () => Client;
  readonly #clients: Client[] = [];
  readonly #inFlight: number[] = [];

  /** @param make creates one urql client of the pool (on first need). */
  constructor(make: () => Client) {
    this.#make = make;
  }

  /** Picks the client for a new operation and counts it in flight: give the lane back with {@link release}. */
  acquire(): number {
    const inFlight = this.#inFlight;
    let best = -1;
    for (let lane = 0; lane < inFlight.length; lane++) {
      const count = inFlight[lane] as number;
      if (count < LANE_CAPACITY) {
        inFlight[lane] = count + 1;
        return lane;
      }
      if (best < 0 || count < (inFlight[best] as number)) best = lane;
    }
    if (best < 0 || inFlight.length < MAX_LANES) {
      this.#clients.push(this.#make());
      inFlight.push(1);
      return inFlight.length - 1;
    }
    inFlight[best] = (inFlight[best] as number) + 1;
    return best;
  }

  /** The client of a lane from {@link acquire}. */
  client(lane: number): Client {
    return this.#clients[lane] as Client;
  }

  /** Ends an operation's use of its lane. */
  release(lane: number): void {
    this.#inFlight[lane] = (this.#inFlight[lane] as number) - 1;
  }
}
