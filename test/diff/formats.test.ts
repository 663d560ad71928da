import Ajv from 'ajv';
import { MARKDOWN_MARKER, renderDiff } from '../../diff/format';
import { lineOf } from '../model/declaration-copy';
import { cleanup, diffExample, REGION_DENY_WITHOUT_SANDBOX } from './fixture';
// The SARIF 2.1.0 schema as OASIS published it (sarif-2.1.0-rtm.5, JSON Schema draft-04), taken from
// the npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT), which validates SARIF the same way.
import sarifSchema from './sarif-2.1.0-rtm.5.schema.json';

afterAll(cleanup);

/** A validator for the SARIF schema: ajv reads draft-04's `id` as `$id`; one pattern is not valid with the `u` flag. */
function sarifValidator() {
  const { id, $schema: _draft, ...rest } = sarifSchema as Record<string, unknown>;
  const uri = (s: string) => { try { return Boolean(new URL(s)); } catch { return false; } };
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, unicodeRegExp: false, formats: { 'date-time': true, uri, 'uri-reference': true } });
  return ajv.compile({ $id: id as string, ...rest });
}

describe('diff formats', () => {
  const { report, base, head, headDir } = diffExample([REGION_DENY_WITHOUT_SANDBOX], true);
  const attachmentLine = lineOf(headDir, 'accounts/guardrails.yaml', '- policy: region-deny');

  it('json: the schema of the contract', () => {
    const json = JSON.parse(renderDiff('json', report, base, head));
    expect(Object.keys(json)).toEqual(['schemaVersion', 'base', 'head', 'summary', 'decisions', 'organization', 'access', 'network', 'resources']);
    expect(json.schemaVersion).toBe(1);
    expect(json.decisions).toContainEqual({ account: 'sandbox-alice', action: 's3:GetObject', region: 'il-central-1', before: 'ExplicitlyDenied', after: 'Allowed', cause: 'region-deny detached from Sandbox' });
    for (const d of json.decisions) expect(Object.keys(d)).toEqual(['account', 'action', 'region', 'before', 'after', 'cause']);
    for (const r of json.resources) expect(Object.keys(r)).toEqual(['stack', 'address', 'action']);
    expect(json.summary).toMatchObject({ changed: true, widened: true });
  });

  it('markdown: the verdict first, one line for the account set, the changed part of the tree', () => {
    const md = renderDiff('markdown', report, base, head);
    const lines = md.split('\n');
    expect(lines[0]).toBe(MARKDOWN_MARKER); // how the pull-request workflow finds its own comment
    expect(lines.findIndex((l) => l.includes('Widens the guardrails'))).toBeLessThan(lines.findIndex((l) => l.startsWith('### Guardrail decisions')));
    const rows = lines.filter((l) => l.startsWith('| ⚠️ widened'));
    expect(rows).toHaveLength(1); // every action and region of sandbox-alice in one row
    expect(rows[0]).toContain('sandbox-alice');
    expect(rows[0]).toContain(`\`accounts/guardrails.yaml:${attachmentLine}\``);
    expect(md).toContain('```mermaid\nflowchart LR');
    expect(md).toContain('<b>sandbox-alice</b>');
    expect(md).not.toContain('<b>prod-web</b>'); // unchanged branches stay out of the picture
  });

  it('sarif: valid SARIF 2.1.0, located on the changed declaration line', () => {
    const log = JSON.parse(renderDiff('sarif', report, base, head));
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const results = log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    const widened = results.filter((r) => r.ruleId === 'guardrail-widened');
    expect(widened).toHaveLength(1);
    expect(widened[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'accounts/guardrails.yaml' }, region: { startLine: attachmentLine } });
    // The validator is not a rubber stamp.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('table: the summary and the grouped line', () => {
    const text = renderDiff('table', report, base, head);
    expect(text).toMatch(/guardrail decisions: \d+ changes \(\d+ widened, 0 narrowed\)/);
    expect(text).toContain('WIDENED  sandbox-alice: ');
    expect(text).toContain('because region-deny detached from Sandbox');
    expect(text).toContain('destroy  aws_organizations_policy_attachment.attach_region-deny_ou_Sandbox');
  });
});
