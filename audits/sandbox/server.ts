import * as http from 'http';
import { randomUUID } from 'crypto';
import type { AddressInfo } from 'net';
import { CORE, RUNNING_AREAS } from '../areas';
import { iamAction } from '../collect/api-actions';
import type { Snapshot } from '../snapshot';
import { FaultDice, TokenBucket, type FaultOptions } from './faults';
import { AccessDenied, AwsError, escapeXml, jsonAnswer, jsonError, THROTTLE_CODE, xmlAnswer, xmlError, type WireAnswer } from './protocol';
import { s3Error, s3Request } from './s3';
import type { JsonInput, RestRoute, SandboxService } from './service';
import { SandboxWorld, type WorldSnapshot } from './world';

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
  /** The roles' MaxSessionDuration, which AssumeRole's DurationSeconds may not exceed. @default the audit role's */
  readonly roleMaxSessionSeconds?: number;
}

export interface SandboxStats {
  /** Requests answered with data (not throttled, not an injected failure). */
  readonly apiCalls: number;
  readonly throttled: number;
  readonly injectedErrors: number;
  readonly expiredTokens: number;
  /** Answered calls per `service:Operation` (SDK operation names: `s3:GetBucketPolicy`). */
  readonly byOperation: Readonly<Record<string, number>>;
  /** The least time the rate limits allow for the calls answered. */
  readonly floorSeconds: number;
  /** Every fault `errorRate` injected: `<account> <service:Operation> <request>#<attempt> <kind>`, in order. */
  readonly faults: readonly string[];
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: what AWS_ENDPOINT_URL is set to. */
  readonly endpoint: string;
  readonly port: number;
  readonly world: SandboxWorld;
  stats(): SandboxStats;
  stop(): Promise<void>;
}

/** Every service the collectors call, by SigV4 signing name: the organization core's and each area's (audits/areas/index.ts). */
const SERVICES: ReadonlyMap<string, SandboxService> = new Map([...CORE.sandbox, ...RUNNING_AREAS.flatMap((a) => a.sandbox)].map((s) => [s.service, s]));
type Protocol = SandboxService['protocol'];
/** A signing name no area serves is answered as the query protocol does (InvalidAction). */
const protocolOf = (service: string): Protocol => SERVICES.get(service)?.protocol ?? 'query';
const THROTTLE: Readonly<Record<Exclude<Protocol, 'json'>, { code: string; status: number }>> = {
  query: { code: THROTTLE_CODE.query, status: 400 }, ec2: { code: 'RequestLimitExceeded', status: 503 }, s3: { code: 'SlowDown', status: 503 }, 'rest-json': { code: 'ThrottlingException', status: 429 },
};

function ec2Answer(action: string, requestId: string, inner: string): WireAnswer {
  return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${inner}</${action}Response>` };
}
function ec2Error(requestId: string, e: AwsError): WireAnswer {
  return { status: e.status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>` };
}
/**
 * The REST-JSON operation a request is, and the parameters its path carries
 * (`/detector/{detectorId}/member`; a greedy `{Arn+}` takes the rest of the path, slashes included).
 */
function restRoute(routes: readonly RestRoute[], method: string, path: string): { operation: string; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  for (const r of routes) {
    if (r.method !== method) continue;
    const want = r.path.split('/').filter(Boolean);
    const greedy = /^\{(.+)\+\}$/.exec(want[want.length - 1] ?? '');
    if (greedy ? parts.length < want.length : want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fixed = greedy ? want.slice(0, -1) : want;
    if (!fixed.every((w, i) => {
      const m = /^\{(.+)\}$/.exec(w);
      if (m) { params[m[1]] = parts[i]; return true; }
      return w.toLowerCase() === parts[i].toLowerCase();
    })) continue;
    if (greedy) params[greedy[1]] = parts.slice(fixed.length).join('/');
    return { operation: r.operation, params };
  }
  return undefined;
}

function restJsonAnswer(requestId: string, body: unknown): WireAnswer {
  return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify(body) };
}
function restJsonError(requestId: string, e: AwsError): WireAnswer {
  return { status: e.status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': e.code }, body: JSON.stringify({ message: e.message }) };
}

/** What AWS answers to a call signed with credentials it does not know, per protocol. */
const INVALID_CREDENTIALS: Readonly<Record<Protocol, { code: string; status: number; message: string }>> = {
  json: { code: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.' },
  query: { code: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' },
  ec2: { code: 'AuthFailure', status: 401, message: 'AWS was not able to validate the provided access credentials' },
  s3: { code: 'InvalidAccessKeyId', status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' },
  'rest-json': { code: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.' },
};
/** Access denied, in each protocol's words. */
const ACCESS_DENIED: Readonly<Record<Protocol, { code: string; status: number }>> = {
  json: { code: 'AccessDeniedException', status: 400 }, query: { code: 'AccessDenied', status: 403 }, ec2: { code: 'UnauthorizedOperation', status: 403 },
  s3: { code: 'AccessDenied', status: 403 }, 'rest-json': { code: 'AccessDeniedException', status: 403 },
};
/** A service's own 500 and 503, per protocol. */
const SERVER_ERROR: Readonly<Record<Protocol, Readonly<Record<500 | 503, string>>>> = {
  json: { 500: 'ServiceException', 503: 'ServiceUnavailableException' }, query: { 500: 'InternalFailure', 503: 'ServiceUnavailable' },
  ec2: { 500: 'InternalError', 503: 'Unavailable' }, s3: { 500: 'InternalError', 503: 'ServiceUnavailable' }, 'rest-json': { 500: 'InternalServerException', 503: 'ServiceUnavailableException' },
};
/** A load balancer's answer: no AWS error in it. */
const gatewayPage = (status: 502 | 504): WireAnswer => {
  const title = status === 502 ? 'Bad Gateway' : 'Gateway Timeout';
  return { status, headers: { 'content-type': 'text/html' }, body: `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center></body></html>` };
};

/** The answer, or `reset`: the connection is dropped without one. */
type Outcome = WireAnswer | 'reset';

/** Starts the loopback AWS endpoint. Routes by the SigV4 credential scope's service name. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const world = new SandboxWorld(options.snapshot as unknown as WorldSnapshot, {
    failAccounts: new Set(options.failAccounts ?? []), credentialLifetimeMs: options.credentialLifetimeMs, roleMaxSessionSeconds: options.roleMaxSessionSeconds,
    ...(options.expireCredentialsAfterSeconds !== undefined ? { expireAfterMs: options.expireCredentialsAfterSeconds * 1000 } : {}),
  });
  const pageSize = options.pageSize ?? 3;
  const buckets = new Map<string, TokenBucket>();
  const dice = new FaultDice(options.errorRate ?? 0, options.seed ?? 1);
  const failing = new Set((options.failOperations ?? []).map((o) => iamAction(o.slice(0, o.indexOf(':')), o.slice(o.indexOf(':') + 1))));
  const counts = { apiCalls: 0, throttled: 0, injectedErrors: 0, expiredTokens: 0 };
  const byOperation: Record<string, number> = {};
  let port = 0;

  const bucketFor = (service: string, operation: string, accountId: string): TokenBucket | undefined => {
    const rate = options.tpsByService?.[service] ?? options.tps;
    if (!rate) return undefined;
    // Organizations limits are organization-wide; every other service's are per account.
    const key = service === 'organizations' ? `${service}:${operation}` : `${service}:${operation}:${accountId}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = new TokenBucket(rate)));
    return b;
  };

  const answer = async (req: http.IncomingMessage, body: string): Promise<Outcome> => {
    const requestId = randomUUID();
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
    const service = scope?.[3] ?? '';
    const protocol = protocolOf(service);
    const json = protocol === 'json';
    const svc = SERVICES.get(service);
    const params = protocol === 'query' || protocol === 'ec2' ? new URLSearchParams(body) : undefined;
    const s3 = protocol === 's3' ? s3Request(req.url ?? '/', String(req.headers.host ?? ''), `127.0.0.1:${port}`) : undefined;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const rest = svc?.protocol === 'rest-json' ? restRoute(svc.routes, req.method ?? 'GET', url.pathname) : undefined;
    const operation = json ? String(req.headers['x-amz-target'] ?? '').replace(/^.*\./, '')
      : protocol === 'rest-json' ? rest?.operation ?? url.pathname
        : s3 ? s3.operation : params?.get('Action') ?? '';
    const fail = (e: AwsError): WireAnswer => {
      const err = e instanceof AccessDenied ? new AwsError(ACCESS_DENIED[protocol].code, e.message, ACCESS_DENIED[protocol].status) : e;
      return json ? jsonError(requestId, err) : protocol === 'ec2' ? ec2Error(requestId, err)
        : protocol === 's3' ? s3Error(requestId, err) : protocol === 'rest-json' ? restJsonError(requestId, err) : xmlError(service, requestId, err);
    };
    if (options.invalidCredentials) {
      const bad = INVALID_CREDENTIALS[protocol];
      return fail(new AwsError(bad.code, bad.message, bad.status));
    }
    // Credentials are checked on arrival, as AWS does; the latency is the way back.
    const caller = scope ? world.callerOf(scope[1]) : undefined;
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (!caller) return fail(new AwsError(json ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken', 'Request is missing Authentication Token', 403));
    if (caller.expired) {
      counts.expiredTokens++;
      return fail(new AwsError(json ? 'ExpiredTokenException' : 'ExpiredToken', 'The security token included in the request is expired', 400));
    }
    const bucket = bucketFor(service, operation, caller.accountId);
    if (bucket && !bucket.take()) {
      counts.throttled++;
      const throttle = svc?.protocol === 'json' ? svc.throttle ?? 'ThrottlingException' : undefined;
      return fail(throttle ? new AwsError(throttle, 'Rate exceeded') : new AwsError(THROTTLE[protocol as Exclude<Protocol, 'json'>].code, 'Rate exceeded', THROTTLE[protocol as Exclude<Protocol, 'json'>].status));
    }
    const kind = options.errorRate ? dice.roll(`${caller.accountId} ${service}:${operation} ${req.url ?? ''} ${body}`) : undefined;
    if (kind) {
      counts.injectedErrors++;
      if (kind === 'reset') return 'reset';
      if (kind === 502 || kind === 504) return gatewayPage(kind);
      return fail(new AwsError(SERVER_ERROR[protocol][kind], kind === 500 ? 'We encountered an internal error. Please try again.' : 'Service unavailable. Please try again.', kind));
    }
    const count = (): void => {
      counts.apiCalls++;
      byOperation[`${service}:${operation}`] = (byOperation[`${service}:${operation}`] ?? 0) + 1;
    };
    if (failing.has(iamAction(service, operation))) {
      count();
      return fail(new AccessDenied(iamAction(service, operation)));
    }
    try {
      let result: WireAnswer;
      if (!svc) {
        throw protocol === 'query' ? new AwsError('InvalidAction', `The sandbox does not serve ${service} ${operation}`) : new AwsError('UnknownOperationException', `The sandbox does not serve ${service} ${operation}`);
      } else if (svc.protocol === 'json') {
        const handler = svc.operations[operation];
        if (!handler) throw new AwsError('UnknownOperationException', `The sandbox does not serve ${service} ${operation}`);
        if (svc.managementOnly?.(operation) && caller.accountId !== world.managementAccountId) throw new AwsError('AccessDeniedException', 'You don\'t have permissions to access this resource.');
        result = jsonAnswer(requestId, handler(world, (body ? JSON.parse(body) : {}) as JsonInput, pageSize, caller.accountId, scope?.[2] ?? world.snapshot.region));
      } else if (svc.protocol === 'ec2') {
        const handler = svc.operations[operation];
        if (!handler) throw new AwsError('InvalidAction', `The sandbox does not serve ec2 ${operation}`);
        result = ec2Answer(operation, requestId, handler(world, params!, pageSize, caller.accountId));
      } else if (svc.protocol === 's3') {
        const text = svc.answer(world, s3!, caller.accountId);
        result = { status: 200, headers: { 'content-type': s3!.subresource === 'policy' ? 'application/json' : 'application/xml', 'x-amz-request-id': requestId }, body: text };
      } else if (svc.protocol === 'rest-json') {
        const handler = rest ? svc.operations[rest.operation] : undefined;
        if (!handler) throw new AwsError('UnknownOperationException', `The sandbox does not serve ${service} ${req.method ?? 'GET'} ${url.pathname}`, 404);
        // A REST operation's input: its JSON body, the query string and the path's parameters.
        const input = { ...(body ? JSON.parse(body) as Record<string, unknown> : {}), ...Object.fromEntries(url.searchParams), ...rest!.params } as JsonInput;
        result = restJsonAnswer(requestId, handler(world, input, pageSize, caller.accountId, scope?.[2] ?? world.snapshot.region));
      } else {
        const handler = svc.operations[operation];
        if (!handler) throw new AwsError('InvalidAction', `The sandbox does not serve ${service} ${operation}`);
        result = xmlAnswer(service, operation, requestId, handler(world, params!, caller));
      }
      count();
      return result;
    } catch (e) {
      if (e instanceof AwsError) {
        count();
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
        if (a === 'reset') {
          req.socket.destroy();
          return;
        }
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
  port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    world,
    stats: () => ({
      ...counts,
      byOperation: { ...byOperation },
      floorSeconds: Math.max(0, ...[...buckets.values()].map((b) => b.floorSeconds())),
      faults: [...dice.injected],
    }),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
