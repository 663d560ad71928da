/** Fault injection of the sandbox: latency, rate limits, server and network errors, denied operations, bad credentials. */
export interface FaultOptions {
  /** Added to every answer. @default 0 */
  readonly latencyMs?: number;
  /** Calls per second per operation for every service (token bucket, burst = one second). */
  readonly tps?: number;
  /** Per-service rates that override `tps` (what `bench:audit` uses to look like AWS). */
  readonly tpsByService?: Readonly<Partial<Record<string, number>>>;
  /** Share of calls answered with a transient failure (ERROR_KINDS), 0..1. @default 0 */
  readonly errorRate?: number;
  /** Seed of the error-rate dice: the same seed fails the same calls the same way. @default 1 */
  readonly seed?: number;
  /** Operations (`organizations:ListPolicies`; IAM action or SDK operation name) answered AccessDenied everywhere, every time. */
  readonly failOperations?: readonly string[];
  /** Issued session credentials stop working this many seconds after issue, whatever their Expiration says. */
  readonly expireCredentialsAfterSeconds?: number;
  /** Every call is refused as signed with credentials AWS does not know. */
  readonly invalidCredentials?: boolean;
}

/**
 * The transient failures `errorRate` draws from, each as AWS or the network delivers it: the
 * service's internal error (500), the load balancer's 502 and 504 (an HTML page, no AWS error),
 * the service's 503, and a connection reset with no answer at all. The SDK retries each
 * (@smithy/core retry: TRANSIENT_ERROR_STATUS_CODES 500, 502, 503, 504 and ECONNRESET are transient).
 */
export const ERROR_KINDS = [500, 502, 503, 504, 'reset'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** AWS's per-operation token bucket: `rate` tokens a second, at most `burst` saved up. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  /** Calls that got a token: what the floor time is computed from. */
  accepted = 0;

  constructor(readonly rate: number, readonly burst: number = Math.max(1, rate)) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    this.accepted++;
    return true;
  }

  /** The least time in which this bucket lets `accepted` calls through. */
  floorSeconds(): number {
    return Math.max(0, (this.accepted - this.burst) / this.rate);
  }
}

/** mulberry32: small, seedable, good enough to decide which call fails. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
