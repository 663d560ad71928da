import type { S3Request } from './s3';
import type { IssuedCredentials, SandboxWorld } from './world';

/*
 * How an area answers for the AWS services its collectors call: each service is named by its
 * SigV4 signing name and speaks one wire protocol, which the server (sandbox/server.ts) handles;
 * the area only turns the snapshot into the operation's answer.
 */

/** The JSON input of an operation (JSON 1.1 body, or a REST-JSON body merged with its path and query parameters). */
export type JsonInput = Record<string, unknown> & { NextToken?: string; MaxResults?: number };
/** The caller of a query-protocol call: its account, and its role session when it signed with issued credentials. */
export interface QueryCaller {
  readonly accountId: string;
  readonly session?: IssuedCredentials;
}

/** `region`: the region the call was signed for (a regional service answers for that region). */
export type JsonHandler = (w: SandboxWorld, input: JsonInput, pageSize: number, caller: string, region: string) => unknown;
/** The result element's inner XML. */
export type QueryHandler = (w: SandboxWorld, params: URLSearchParams, caller: QueryCaller) => string;
/** The response's inner XML (EC2's own shape: lowerCamel elements, `<item>` lists). */
export type Ec2Handler = (w: SandboxWorld, params: URLSearchParams, pageSize: number, caller: string) => string;
/** The body of a bucket subresource (XML, or the policy's JSON). */
export type S3Handler = (w: SandboxWorld, request: S3Request, caller: string) => string;

/** A REST operation's HTTP method and path (`/detector/{detectorId}/member`), as the service's API reference gives it. */
export interface RestRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly operation: string;
}

export type SandboxService =
  | { readonly service: string; readonly protocol: 'json'; readonly throttle?: string; readonly managementOnly?: (operation: string) => boolean; readonly operations: Readonly<Record<string, JsonHandler>> }
  | { readonly service: string; readonly protocol: 'rest-json'; readonly routes: readonly RestRoute[]; readonly operations: Readonly<Record<string, JsonHandler>> }
  | { readonly service: string; readonly protocol: 'query'; readonly operations: Readonly<Record<string, QueryHandler>> }
  | { readonly service: string; readonly protocol: 'ec2'; readonly operations: Readonly<Record<string, Ec2Handler>> }
  | { readonly service: string; readonly protocol: 's3'; readonly answer: S3Handler };
