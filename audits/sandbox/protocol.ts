/**
 * The two wire protocols the audited services speak, as AWS answers them: JSON 1.1 for
 * Organizations (errors carry `__type`), the query protocol with XML answers for STS and IAM.
 */
export interface WireAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An AWS error to answer with; `code` is the AWS error code of the protocol at hand. */
export class AwsError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

/**
 * Access denied to `operation`, answered in each protocol's own words by the server (JSON
 * AccessDeniedException, query AccessDenied, EC2 UnauthorizedOperation, S3 AccessDenied):
 * what a failed read recorded in the snapshot, or `--fail-operation`, looks like.
 */
export class AccessDenied extends AwsError {
  constructor(readonly operation: string) {
    super('AccessDenied', `User is not authorized to perform: ${operation}`, 403);
  }
}

const XMLNS: Readonly<Record<string, string>> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

export function jsonAnswer(requestId: string, body: unknown): WireAnswer {
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }, body: JSON.stringify(body) };
}

export function jsonError(requestId: string, e: AwsError): WireAnswer {
  return {
    status: e.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: e.code, Message: e.message }),
  };
}

export function xmlAnswer(service: string, action: string, requestId: string, result: string): WireAnswer {
  const body = `<${action}Response xmlns="${XMLNS[service]}"><${action}Result>${result}</${action}Result>`
    + `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function xmlError(service: string, requestId: string, e: AwsError): WireAnswer {
  const type = e.status >= 500 ? 'Receiver' : 'Sender';
  const body = `<ErrorResponse xmlns="${XMLNS[service] ?? ''}"><Error><Type>${type}</Type><Code>${e.code}</Code>`
    + `<Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: e.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** `<k>v</k>` for every defined field, in order. */
export function xmlFields(fields: Readonly<Record<string, string | number | boolean | undefined>>): string {
  return Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`).join('');
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The throttling answer of each protocol, exactly as AWS sends it. */
export const THROTTLE_CODE = { json: 'TooManyRequestsException', query: 'Throttling' } as const;

/** Pagination over a list: NextToken is the next offset, opaque to the client. */
export function page<T>(items: readonly T[], input: { NextToken?: string; MaxResults?: number }, pageSize: number): { items: T[]; NextToken?: string } {
  let start = 0;
  if (input.NextToken) {
    const decoded = Number(Buffer.from(input.NextToken, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0) throw new AwsError('InvalidInputException', 'The NextToken is not valid');
    start = decoded;
  }
  const size = Math.max(1, Math.min(input.MaxResults ?? pageSize, pageSize));
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(`offset:${end}`).toString('base64url') } : {}) };
}

/** The creation time every resource of the sandbox carries (epoch seconds). */
export const epoch = (): number => Math.floor(Date.UTC(2020, 0, 1) / 1000);

/** What the audit role of an account sees of another account's resources: access denied. */
export function deniedTo(service: string, op: string, caller: string): AwsError {
  return new AwsError('AccessDeniedException', `User: arn:aws:sts::${caller}:assumed-role/audit is not authorized to perform: ${service}:${op}`);
}

/** Answers only in the account that holds the data. */
export function inAccount(owner: string | undefined, caller: string, service: string, op: string): void {
  if (!owner || owner !== caller) throw deniedTo(service, op, caller);
}
