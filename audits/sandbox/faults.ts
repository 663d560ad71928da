import { createHash } from 'crypto';

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

/**
 * Which calls `errorRate` fails, and how: decided by the seed and the call itself (who sent
 * what, and the how-many-th time), never by arrival order, so concurrent runs with one seed
 * fail the same calls the same way. A retried call is a new attempt, with its own dice.
 */
export class FaultDice {
  private readonly attempts = new Map<string, number>();
  /** `key#attempt kind` of every fault injected, in the order they happened. */
  readonly injected: string[] = [];

  constructor(private readonly rate: number, private readonly seed: number) {}

  /** The fault for this attempt of the call `key`, if it gets one. */
  roll(key: string): ErrorKind | undefined {
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const digest = createHash('sha256').update(`${this.seed}\u0000${key}\u0000${attempt}`).digest();
    if (digest.readUInt32BE(0) / 2 ** 32 >= this.rate) return undefined;
    const kind = ERROR_KINDS[digest.readUInt32BE(4) % ERROR_KINDS.length];
    this.injected.push(`${key}#${attempt} ${kind}`);
    return kind;
  }
}
