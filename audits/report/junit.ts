import { CATEGORIES, type Category, type Finding } from '../drift';
import { correspond } from '../drift/match';
import { provenanceOf } from './provenance';
import { liveTree, type AuditReport, type Reporter } from './report';

/**
 * One thing the audit checked: a declared element (or the organization as a whole) under one
 * category. `keys` are the ids and names a finding about it may carry.
 */
interface Check {
  readonly name: string;
  readonly keys: readonly string[];
}

/** A category's checks, derived from the declaration and the snapshot (what was compared). */
type ChecksOf = (report: AuditReport) => Check[];

const organization: ChecksOf = ({ snapshot: s }) => [{ name: `organization ${s.organization.id}`, keys: [s.organization.id, s.root.id] }];

const declaredAccounts: ChecksOf = ({ lz, snapshot }) => {
  const match = correspond(lz, liveTree(snapshot));
  return [...lz.accounts.values()].map((a) => ({ name: `account ${a.name}`, keys: [a.name, a.id, match.accounts.get(a.name)?.id].filter((k): k is string => !!k) }));
};

/** Every active account read inside (root user, password policy): the declared and the unmanaged ones. */
const liveAccounts: ChecksOf = ({ lz, snapshot }) => {
  const match = correspond(lz, liveTree(snapshot));
  return liveTree(snapshot).accounts.filter((a) => a.state === 'ACTIVE').map((a) => {
    const name = match.declaredAccounts.get(a.id)?.name ?? a.name;
    return { name: `account ${name} (${a.id})`, keys: [a.id, name] };
  });
};

const guardrailChecks: ChecksOf = ({ lz }) => [...lz.guardrails.policies.values()].map((g) => ({ name: `guardrail ${g.id}`, keys: [g.id, g.name, g.existingId].filter((k): k is string => !!k) }));

/** Which declared elements each category compares. Categories not listed get one check on the organization. */
const CHECKS: Readonly<Record<string, ChecksOf>> = {
  'trusted-access-disabled': ({ lz }) => lz.organization.trustedServices.map((t) => ({ name: `trusted service ${t}`, keys: [t] })),
  'policy-type-disabled': ({ lz }) => lz.organization.enabledPolicyTypes.map((t) => ({ name: `policy type ${t}`, keys: [t] })),
  'delegated-admin-missing': ({ lz, snapshot }) => {
    const match = correspond(lz, liveTree(snapshot));
    return lz.organization.delegatedAdministrators.map((d) => ({ name: `${d.account} administers ${d.servicePrincipal}`, keys: [d.account, match.accounts.get(d.account)?.id ?? d.account] }));
  },
  'ou-missing': ({ lz }) => [...lz.ous.values()].filter((o) => o.parentPath !== undefined).map((o) => ({ name: `OU ${o.path}`, keys: [o.path, o.id ?? o.path] })),
  'ou-unexpected': organization,
  'account-missing': declaredAccounts,
  'account-moved': declaredAccounts,
  'account-not-active': declaredAccounts,
  'account-unmanaged': organization,
  'policy-missing': guardrailChecks,
  'policy-modified': guardrailChecks,
  'policy-detached': guardrailChecks,
  'policy-attached-unexpectedly': (r) => [...guardrailChecks(r), ...organization(r)],
  'root-mfa-disabled': liveAccounts,
  'root-access-keys-present': liveAccounts,
  'password-policy-weak': liveAccounts,
  unauditable: (r) => [...organization(r), ...liveAccounts(r)],
};

/** Checks of the area categories, by prefix, from the optional sections the declaration has. */
function sectionChecks(report: AuditReport, category: Category): Check[] | undefined {
  const { lz } = report;
  if (/^(trail|log-bucket)-/.test(category)) return lz.logging ? [{ name: `logging (${lz.logging.trail.name})`, keys: [lz.logging.trail.name] }] : [];
  if (/^tgw-/.test(category)) return lz.network ? [{ name: `transit gateway in ${lz.network.transitGateway.account}`, keys: [lz.network.transitGateway.account] }] : [];
  if (/^permission-set-/.test(category) && category !== 'permission-set-unmanaged') {
    return lz.identity ? [...lz.identity.permissionSets.values()].map((p) => ({ name: `permission set ${p.name}`, keys: [p.name] })) : [];
  }
  if (/^assignment-/.test(category)) {
    return lz.identity ? lz.identity.assignments.map((a) => ({ name: `${a.principal.type.toLowerCase()} ${a.principal.name} → ${a.permissionSet}`, keys: [a.permissionSet, a.principal.name] })) : [];
  }
  return undefined;
}

export function xmlEscape(s: string): string {
  // Characters XML 1.0 forbids are dropped; the rest of the text is kept as is.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function failure(f: Finding): string {
  const body = [
    f.message, `remediation: ${f.remediation}`, `resource: ${f.resource.type} ${f.resource.name} (${f.resource.id})`,
    `expected: ${JSON.stringify(f.expected ?? null)}`, `actual: ${JSON.stringify(f.actual ?? null)}`, `declared at: ${f.location.file}:${f.location.line}:${f.location.column}`,
  ].join('\n');
  return `      <failure message="${xmlEscape(f.message)}" type="${xmlEscape(`${f.category}/${f.severity}`)}">${xmlEscape(body)}</failure>\n`;
}

/**
 * JUnit XML: one testsuite per category, one testcase per check (so a clean audit still lists
 * what passed), a <failure> per finding. CI systems show drift as failed tests.
 */
export const junitReporter: Reporter = {
  format: 'junit',
  extension: 'xml',
  render: (report) => {
    const categories = [...new Set([...CATEGORIES.keys(), ...report.findings.map((f) => f.category)])];
    const suites: string[] = [];
    let tests = 0;
    let failures = 0;
    for (const category of categories) {
      const checks = CHECKS[category]?.(report) ?? sectionChecks(report, category) ?? organization(report);
      const findings = report.findings.filter((f) => f.category === category);
      const cases = checks.map((c) => ({ name: c.name, findings: [] as Finding[], keys: new Set(c.keys) }));
      for (const f of findings) {
        const c = cases.find((k) => k.keys.has(f.resource.id) || k.keys.has(f.resource.name))
          ?? cases.find((k) => k.name === `${f.resource.type} ${f.resource.name}`);
        if (c) c.findings.push(f);
        else cases.push({ name: `${f.resource.type} ${f.resource.name}`, findings: [f], keys: new Set([f.resource.id, f.resource.name]) });
      }
      if (!cases.length) continue; // nothing of this kind is declared, so nothing was checked
      // JUnit counts failed testcases; a check with several findings is one failed test with several <failure>s.
      const failed = cases.filter((c) => c.findings.length).length;
      tests += cases.length;
      failures += failed;
      const body = cases.map((c) => {
        const head = `    <testcase classname="${xmlEscape(`lzkit.drift.${category}`)}" name="${xmlEscape(c.name)}" time="0"`;
        return c.findings.length ? `${head}>\n${c.findings.map(failure).join('')}    </testcase>\n` : `${head}/>\n`;
      }).join('');
      const title = CATEGORIES.get(category)?.title ?? category;
      suites.push(`  <testsuite name="${xmlEscape(category)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0" timestamp="${xmlEscape(report.generatedAt.replace(/Z$/, ''))}">\n`
        + `    <properties><property name="title" value="${xmlEscape(title)}"/></properties>\n${body}  </testsuite>\n`);
    }
    const p = provenanceOf(report);
    const name = `lzkit drift audit ${report.snapshot.organization.id}${p.unauditable ? ' (INCOMPLETE)' : ''}`;
    // Who produced the report, as properties of every suite (the JUnit schema has no properties on <testsuites>).
    const provenance = [['lzkit.version', p.lzkitVersion], ['lzkit.declarationCommit', p.declarationCommit ?? 'none'], ['lzkit.complete', String(p.unauditable === 0)]]
      .map(([k, v]) => `<property name="${k}" value="${xmlEscape(v)}"/>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlEscape(name)}" tests="${tests}" failures="${failures}" errors="0" time="0">\n${suites.join('').replace(/<properties>/g, `<properties>${provenance}`)}</testsuites>\n`;
  },
};
