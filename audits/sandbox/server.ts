import * as http from 'http';
import { randomUUID } from 'crypto';
import type { AddressInfo } from 'net';
import type { Snapshot } from '../snapshot';
import { seededRandom, TokenBucket, type FaultOptions } from './faults';
import { ORGANIZATIONS_OPERATIONS } from './organizations';
import { AwsError, jsonAnswer, jsonError, THROTTLE_CODE, xmlAnswer, xmlError, type WireAnswer } from './protocol';
import { QUERY_OPERATIONS } from './query';
import { SandboxWorld } from './world';

export interface SandboxOptions extends FaultOptions {
  /** The organization to serve (from a snapshot, or `snapshotFromDeclaration` + `applyDrift`). */
  readonly snapshot: Snapshot;
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
  /** Items per page of every list; small so that pagination really runs. @default 3 */
  readonly pageSize?: number;
  /** Member accounts whose AssumeRole is denied. */
  readonly failAccounts?: readonly string[];
  /** Lifetime of issued credentials, overriding DurationSeconds (tests of refreshing). */
  readonly credentialLifetimeMs?: number;
}

export interface SandboxStats {
  /** Requests answered with data (not throttled, not an injected failure). */
  readonly apiCalls: number;
  readonly throttled: number;
  readonly injectedErrors: number;
  readonly expiredTokens: number;
  readonly byOperation: Readonly<Record<string, number>>;
  /** The least time the rate limits allow for the calls answered. */
  readonly floorSeconds: number;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: what AWS_ENDPOINT_URL is set to. */
  readonly endpoint: string;
  readonly port: number;
  readonly world: SandboxWorld;
  stats(): SandboxStats;
  stop(): Promise<void>;
}

const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128.';

/** Starts the loopback AWS endpoint. Routes by the SigV4 credential scope's service name. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const world = new SandboxWorld(options.snapshot, new Set(options.failAccounts ?? []), options.credentialLifetimeMs);
  const pageSize = options.pageSize ?? 3;
  const buckets = new Map<string, TokenBucket>();
  const random = seededRandom(options.seed ?? 1);
  const counts = { apiCalls: 0, throttled: 0, injectedErrors: 0, expiredTokens: 0 };
  const byOperation: Record<string, number> = {};

  const bucketFor = (service: string, operation: string, accountId: string): TokenBucket | undefined => {
    const rate = options.tpsByService?.[service] ?? options.tps;
    if (!rate) return undefined;
    // Organizations limits are organization-wide; STS and IAM limits are per account.
    const key = service === 'organizations' ? `${service}:${operation}` : `${service}:${operation}:${accountId}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = new TokenBucket(rate)));
    return b;
  };

  const answer = async (req: http.IncomingMessage, body: string): Promise<WireAnswer> => {
    const requestId = randomUUID();
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
    const service = scope?.[3] ?? '';
    const json = service === 'organizations';
    const params = json ? undefined : new URLSearchParams(body);
    const operation = json ? String(req.headers['x-amz-target'] ?? '').replace(ORGANIZATIONS_TARGET_PREFIX, '') : params?.get('Action') ?? '';
    const fail = (e: AwsError): WireAnswer => (json ? jsonError(requestId, e) : xmlError(service, requestId, e));
    // Credentials are checked on arrival, as AWS does; the latency is the way back.
    const caller = scope ? world.callerOf(scope[1]) : undefined;
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (!caller) return fail(new AwsError(json ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken', 'Request is missing Authentication Token', 403));
    if (caller.expired) {
      counts.expiredTokens++;
      return fail(new AwsError(json ? 'ExpiredTokenException' : 'ExpiredToken', 'The security token included in the request is expired'));
    }
    const bucket = bucketFor(service, operation, caller.accountId);
    if (bucket && !bucket.take()) {
      counts.throttled++;
      return fail(new AwsError(json ? THROTTLE_CODE.json : THROTTLE_CODE.query, 'Rate exceeded'));
    }
    if (options.errorRate && random() < options.errorRate) {
      counts.injectedErrors++;
      return fail(new AwsError(json ? 'ServiceException' : 'InternalFailure', 'We encountered an internal error. Please try again.', 500));
    }
    try {
      let result: WireAnswer;
      if (json) {
        const handler = ORGANIZATIONS_OPERATIONS[operation];
        if (!handler) throw new AwsError('UnknownOperationException', `The sandbox does not serve Organizations ${operation}`);
        if (caller.accountId !== world.managementAccountId) throw new AwsError('AccessDeniedException', 'You don\'t have permissions to access this resource.');
        result = jsonAnswer(requestId, handler(world, body ? JSON.parse(body) : {}, pageSize));
      } else {
        const handler = QUERY_OPERATIONS[service]?.[operation];
        if (!handler) throw new AwsError('InvalidAction', `The sandbox does not serve ${service} ${operation}`);
        result = xmlAnswer(service, operation, requestId, handler(world, params!, caller.accountId));
      }
      counts.apiCalls++;
      byOperation[`${service}:${operation}`] = (byOperation[`${service}:${operation}`] ?? 0) + 1;
      return result;
    } catch (e) {
      if (e instanceof AwsError) {
        counts.apiCalls++;
        byOperation[`${service}:${operation}`] = (byOperation[`${service}:${operation}`] ?? 0) + 1;
        return fail(e);
      }
      return fail(new AwsError(json ? 'ServiceException' : 'InternalFailure', (e as Error).message, 500));
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      answer(req, Buffer.concat(chunks).toString('utf8')).then((a) => {
        res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
        res.end(a.body);
      }, (e: Error) => {
        res.writeHead(500);
        res.end(e.message);
      });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    world,
    stats: () => ({
      ...counts,
      byOperation: { ...byOperation },
      floorSeconds: Math.max(0, ...[...buckets.values()].map((b) => b.floorSeconds())),
    }),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
