import * as path from 'path';
import { AUDIT_COVERAGE, coverageOf } from '../../audits/drift/coverage';
import { desiredState } from '../../desired';
import { loadLandingZoneOrThrow } from '../../model';

/** Every property path of a value: `[]` for list elements; maps and declaration locations (`source`, `…Source`) are leaves. */
function propertyPaths(v: unknown, at: string, out: Set<string>): Set<string> {
  if (v instanceof Map || /(^|\.)(source|\w+Source)$/.test(at)) {
    out.add(at);
  } else if (Array.isArray(v)) {
    if (v.length === 0 || typeof v[0] !== 'object') out.add(at);
    else v.forEach((x) => propertyPaths(x, `${at}[]`, out));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) propertyPaths(x, at ? `${at}.${k}` : k, out);
  } else {
    out.add(at);
  }
  return out;
}

describe('what the audit checks of the desired state', () => {
  const paths = [...propertyPaths(desiredState(loadLandingZoneOrThrow(path.join(__dirname, '..', '..'))), '', new Set())]
    .filter((p) => !/(^|\.)(source|\w+Source)$/.test(p));

  it('has an entry for every property the stacks deploy (compared, used to find it, or not checked and why)', () => {
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.filter((p) => !coverageOf(p))).toEqual([]);
  });

  it('lists no property twice and none that the desired state does not have', () => {
    expect(new Set(AUDIT_COVERAGE.map((c) => c.path)).size).toBe(AUDIT_COVERAGE.length);
    const stale = AUDIT_COVERAGE.filter((c) => !paths.some((p) => p === c.path || p.startsWith(`${c.path}.`) || p.startsWith(`${c.path}[]`)));
    expect(stale.map((c) => c.path)).toEqual([]);
  });
});
