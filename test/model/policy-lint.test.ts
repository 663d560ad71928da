import { Diagnostics, type Diagnostic } from '../../model';
import { lookupAction } from '../../model/iam-catalog';
import { lintPolicyDocument } from '../../model/policy-lint';
import { SourceFile } from '../../model/source';
import type { Guardrail, PolicyDocument, PolicyType } from '../../model/types';

/** Lints `document` as a policy file of `type`; returns the errors and the file text for line lookups. */
function lint(type: PolicyType, document: unknown): { errors: Diagnostic[]; lineOf: (needle: string) => number } {
  const file = `policies/${type.toLowerCase()}/x-test.json`;
  const text = JSON.stringify({ id: 'x-test', type, description: 'test', severity: 'low', document }, null, 2);
  const d = new Diagnostics();
  const source = SourceFile.parse(file, text, d, { json: true });
  if (!source) throw new Error('test document is not JSON');
  const g: Guardrail = {
    id: 'x-test', type, name: 'lzkit-x-test', description: 'test', severity: 'low', parameters: [],
    document: document as PolicyDocument, content: JSON.stringify(document), source: source.locate([]),
  };
  lintPolicyDocument(g, source, d);
  const lines = text.split('\n');
  return { errors: d.errors, lineOf: (needle) => lines.findIndex((l) => l.includes(needle)) + 1 };
}

const scp = (statement: Record<string, unknown>): unknown => ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Resource: '*', ...statement }] });
const rcp = (statement: Record<string, unknown>): unknown => scp({ Principal: '*', ...statement });
const codes = (errors: Diagnostic[]): string[] => errors.map((e) => e.code);

describe('the IAM action catalog', () => {
  it('knows actions case-insensitively and expands wildcards against real actions', () => {
    expect(lookupAction('s3:GetObject')).toEqual({ kind: 'ok', matches: 1 });
    expect(lookupAction('S3:getobject').kind).toBe('ok');
    expect(lookupAction('ec2:Describe?egions').kind).toBe('ok');
    const getStar = lookupAction('s3:Get*');
    expect(getStar.kind === 'ok' && getStar.matches).toBeGreaterThan(20);
    expect(lookupAction('s3:Frobnicate*')).toEqual({ kind: 'matches-nothing' });
    expect(lookupAction('s3:Frobnicate')).toEqual({ kind: 'unknown-action' });
    expect(lookupAction('s4:GetObject')).toEqual({ kind: 'unknown-service', service: 's4' });
    expect(lookupAction('GetObject')).toEqual({ kind: 'malformed' });
  });
});

describe('policy lint: actions', () => {
  it('accepts a correct SCP', () => {
    expect(lint('SCP', scp({ Action: ['s3:GetObject', 'ec2:Describe*', 'iam:*'] })).errors).toEqual([]);
  });

  it('names an unknown action at its array element, with a suggestion', () => {
    const r = lint('SCP', scp({ Action: ['s3:GetObject', 'iam:CreateAccesKey'] }));
    expect(r.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_ACTION', line: r.lineOf('iam:CreateAccesKey') })]);
    expect(r.errors[0].message).toContain("'iam:CreateAccessKey'");
  });

  it('names a wildcard that matches nothing', () => {
    const r = lint('SCP', scp({ NotAction: 's3:Frobnicate*' }));
    expect(r.errors).toEqual([expect.objectContaining({ code: 'WILDCARD_MATCHES_NOTHING', line: r.lineOf('s3:Frobnicate*') })]);
  });

  it('names an unknown service and a string that is no action', () => {
    const r = lint('SCP', scp({ Action: ['s4:GetObject', 'GetObject'] }));
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_SERVICE', line: r.lineOf('s4:GetObject') }),
      expect.objectContaining({ code: 'INVALID_ACTION', line: r.lineOf('"GetObject"') }),
    ]);
  });
});

describe('policy lint: grammar', () => {
  it('requires Version 2012-10-17', () => {
    const r = lint('SCP', { Version: '2008-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } });
    expect(r.errors).toEqual([expect.objectContaining({ code: 'POLICY_GRAMMAR', line: r.lineOf('2008-10-17') })]);
  });

  it('accepts Statement as a single object', () => {
    expect(lint('SCP', { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }).errors).toEqual([]);
  });

  it('rejects Action together with NotAction, a missing Resource, a bad Effect and an unknown element', () => {
    const r = lint('SCP', { Version: '2012-10-17', Statement: [{ Effect: 'deny', Action: 's3:GetObject', NotAction: 's3:PutObject', Actions: 'x' }] });
    expect(codes(r.errors)).toEqual(['POLICY_GRAMMAR', 'POLICY_GRAMMAR', 'POLICY_GRAMMAR', 'POLICY_GRAMMAR']);
    const messages = r.errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/Effect must be "Allow" or "Deny"/);
    expect(messages).toMatch(/not both/);
    expect(messages).toMatch(/neither Resource nor NotResource/);
    expect(messages).toMatch(/unknown statement element 'Actions'/);
    expect(r.errors).toContainEqual(expect.objectContaining({ line: r.lineOf('"NotAction"') }));
  });

  it('rejects duplicate Sids and Sids with punctuation', () => {
    const r = lint('SCP', { Version: '2012-10-17', Statement: [
      { Sid: 'One', Effect: 'Deny', Action: '*', Resource: '*' },
      { Sid: 'One', Effect: 'Deny', Action: '*', Resource: '*' },
      { Sid: 'no-dashes', Effect: 'Deny', Action: '*', Resource: '*' },
    ] });
    expect(codes(r.errors)).toEqual(['POLICY_GRAMMAR', 'POLICY_GRAMMAR']);
  });

  it('checks the condition operator and the shape of its block', () => {
    const r = lint('SCP', scp({ Action: '*', Condition: { StringEqualz: { 'aws:RequestedRegion': 'eu-west-1' }, BoolIfExists: { 'aws:SecureTransport': { nested: true } } } }));
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CONDITION_OPERATOR', line: r.lineOf('StringEqualz') }),
      expect.objectContaining({ code: 'POLICY_GRAMMAR', line: r.lineOf('aws:SecureTransport') }),
    ]);
    expect(lint('SCP', scp({ Action: '*', Condition: { 'ForAnyValue:StringNotLikeIfExists': { 'aws:TagKeys': ['a*'] }, Null: { 'aws:SourceAccount': 'false' } } })).errors).toEqual([]);
  });
});

describe('policy lint: condition keys as IAM defines them', () => {
  // Keys of web identity providers carry the provider's host (and path) before the colon:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
  // Tag keys may hold letters, numbers, spaces and _ . : / = + - @:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
  it('accepts web identity keys, tag keys with spaces and KMS encryption context keys', () => {
    const condition = {
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example/*', 'accounts.google.com:aud': 'app', 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE0123:sub': 'system:serviceaccount:*' },
      StringEquals: { 'aws:ResourceTag/Cost Center': '100', 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*', 'aws:PrincipalTag/team@corp': 'x' },
    };
    expect(lint('SCP', scp({ Action: 's3:*', Condition: condition })).errors).toEqual([]);
  });

  it('rejects what is no condition key, at the key', () => {
    const r = lint('SCP', scp({ Action: 's3:*', Condition: { StringEquals: { 'aws PrincipalArn': 'x', RequestedRegion: 'y', ':sub': 'z' } } }));
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'POLICY_GRAMMAR', line: r.lineOf('"aws PrincipalArn"') }),
      expect.objectContaining({ code: 'POLICY_GRAMMAR', line: r.lineOf('"RequestedRegion"') }),
      expect.objectContaining({ code: 'POLICY_GRAMMAR', line: r.lineOf('":sub"') }),
    ]);
  });
});

describe('policy lint: placeholders', () => {
  // Policy variables are ${condition-key}, the special ${*} ${?} ${$}, and may carry a default:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
  it('accepts IAM policy variables, with a default value and the special characters', () => {
    const resources = ['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::t/${aws:PrincipalTag/team, \'none\'}/*', 'arn:aws:s3:::x/${*}${?}${$}', 'arn:aws:s3:::g/${token.actions.githubusercontent.com:sub}', 'arn:aws:s3:::p/${s3:prefix}'];
    expect(lint('SCP', scp({ Action: 's3:*', Resource: resources })).errors).toEqual([]);
  });

  it('names a ${...} that is neither a parameter nor a policy variable: it would never match', () => {
    const r = lint('SCP', scp({ Action: 's3:*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/${BREAK_GLASS_ROLE}' } } }));
    expect(r.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', line: r.lineOf('BREAK_GLASS_ROLE') })]);
    expect(codes(lint('SCP', scp({ Action: 's3:*', Resource: 'arn:aws:s3:::${aws:NoSuchKey}' })).errors)).toEqual(['UNKNOWN_PLACEHOLDER']);
  });

  it('allows no policy variables in a tag policy', () => {
    const doc = { tags: { team: { tag_key: { '@@assign': 'team' }, tag_value: { '@@assign': ['${aws:username}'] } } } };
    expect(codes(lint('TAG', doc).errors)).toEqual(['UNKNOWN_PLACEHOLDER']);
  });
});

describe('policy lint: SCP rules', () => {
  it('rejects a Principal in an SCP', () => {
    const r = lint('SCP', scp({ Action: '*', Principal: '*' }));
    expect(r.errors).toEqual([expect.objectContaining({ code: 'SCP_PRINCIPAL', line: r.lineOf('"Principal"') })]);
  });

  it('accepts Allow statements with conditions and NotAction (full IAM language since 2025)', () => {
    expect(lint('SCP', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] }).errors).toEqual([]);
  });
});

describe('policy lint: RCP rules', () => {
  it('accepts a Deny with Principal "*" on supported services', () => {
    expect(lint('RCP', rcp({ Action: ['s3:*', 'kms:Decrypt', 'sts:AssumeRole'] })).errors).toEqual([]);
  });

  // The RCP syntax page: "*" alone in Action is reserved to RCPFullAWSAccess.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
  it('rejects "Action": "*", located, alone or in a list', () => {
    const alone = lint('RCP', rcp({ Action: '*' }));
    expect(alone.errors).toEqual([expect.objectContaining({ code: 'RCP_ALL_ACTIONS', line: alone.lineOf('"Action": "*"') })]);
    const listed = lint('RCP', rcp({ Action: ['s3:GetObject', '*'] }));
    // The array item right after s3:GetObject.
    expect(listed.errors).toEqual([expect.objectContaining({ code: 'RCP_ALL_ACTIONS', line: listed.lineOf('"s3:GetObject"') + 1 })]);
  });

  // "List of AWS services that support RCPs":
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
  it('covers the services the RCP page lists, and no others', () => {
    expect(lint('RCP', rcp({ Action: ['ecr:BatchGetImage', 'aoss:APIAccessAll', 'logs:GetLogEvents', 'cognito-idp:AdminGetUser'] })).errors).toEqual([]);
    expect(codes(lint('RCP', rcp({ Action: ['dynamodb:GetItem', 'lambda:InvokeFunction'] })).errors)).toEqual(['RCP_UNSUPPORTED_SERVICE', 'RCP_UNSUPPORTED_SERVICE']);
  });

  it('rejects Allow', () => {
    const r = lint('RCP', rcp({ Effect: 'Allow', Action: 's3:*' }));
    expect(r.errors).toEqual([expect.objectContaining({ code: 'RCP_ALLOW', line: r.lineOf('"Allow"') })]);
  });

  it('rejects a missing or specific principal and NotPrincipal', () => {
    const specific = lint('RCP', rcp({ Action: 's3:*', Principal: { AWS: 'arn:aws:iam::123456789012:root' } }));
    expect(specific.errors).toEqual([expect.objectContaining({ code: 'RCP_PRINCIPAL', line: specific.lineOf('"Principal"') })]);
    const missing = lint('RCP', scp({ Action: 's3:*' }));
    expect(codes(missing.errors)).toEqual(['RCP_PRINCIPAL']);
    expect(codes(lint('RCP', rcp({ Action: 's3:*', NotPrincipal: { AWS: '*' } })).errors)).toEqual(['RCP_PRINCIPAL']);
  });

  it('rejects NotAction and actions of services RCPs do not cover', () => {
    const r = lint('RCP', rcp({ Action: ['s3:GetObject', 'ec2:RunInstances'] }));
    expect(r.errors).toEqual([expect.objectContaining({ code: 'RCP_UNSUPPORTED_SERVICE', line: r.lineOf('ec2:RunInstances') })]);
    expect(codes(lint('RCP', rcp({ NotAction: 's3:GetObject' })).errors)).toEqual(['RCP_NOT_ACTION']);
  });
});

describe('policy lint: tag policies', () => {
  it('applies no IAM grammar to a tag policy', () => {
    const doc = { tags: { 'cost-center': { tag_key: { '@@assign': 'cost-center' }, enforced_for: { '@@assign': ['ec2:instance'] } } } };
    expect(lint('TAG', doc).errors).toEqual([]);
  });

  it('checks the tag policy grammar', () => {
    expect(codes(lint('TAG', { Version: '2012-10-17', Statement: [] }).errors)).toEqual(['TAG_POLICY_GRAMMAR']);
    const r = lint('TAG', { tags: { env: { tag_key: { '@@asign': 'env' } } } });
    expect(r.errors).toEqual([expect.objectContaining({ code: 'TAG_POLICY_GRAMMAR', line: r.lineOf('@@asign') })]);
  });
});
