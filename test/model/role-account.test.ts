import * as path from 'path';
import { Diagnostics, loadLandingZoneOrThrow } from '../../model';
import { roleAccount, type RoleAccountRule } from '../../model/section';
import { SourceFile } from '../../model/source';

const core = loadLandingZoneOrThrow(path.join(__dirname, '..', '..'));
const rule: RoleAccountRule = {
  path: ['logArchiveAccount'], role: 'logArchive', label: 'log archive', missingCode: 'LOG_ARCHIVE_ACCOUNT_MISSING',
  notManagement: { code: 'LOG_ARCHIVE_IS_MANAGEMENT', why: 'not the management account' },
};

/** roleAccount on a one-file section, with the example organization (optionally without its accountRoles). */
function resolve(yaml: string, accountRoles = core.organization.accountRoles) {
  const d = new Diagnostics();
  const file = SourceFile.parse('accounts/logging.yaml', yaml, d)!;
  const name = roleAccount({ file, core: { ...core, organization: { ...core.organization, accountRoles } }, diagnostics: d }, (file.data as { logArchiveAccount?: string }).logArchiveAccount, rule);
  return { name, errors: d.errors.map((e) => `${e.line}:${e.column} ${e.code}`) };
}

describe('the account a section runs in (roleAccount)', () => {
  it('defaults to organization.accountRoles', () => {
    expect(resolve('bucket: {}\n')).toEqual({ name: 'log-archive', errors: [] });
  });
  it('takes the section\'s own choice', () => {
    expect(resolve('logArchiveAccount: audit\n')).toEqual({ name: 'audit', errors: [] });
  });
  it('reports a missing account at the section', () => {
    expect(resolve('bucket: {}\n', {})).toEqual({ name: '', errors: ['1:1 LOG_ARCHIVE_ACCOUNT_MISSING'] });
  });
  it('reports an undeclared account at its key', () => {
    expect(resolve('bucket: {}\nlogArchiveAccount: log-archiv\n').errors).toEqual(['2:20 UNKNOWN_ACCOUNT']);
  });
  it('refuses the management account where the rule says so', () => {
    expect(resolve('logArchiveAccount: management\n').errors).toEqual(['1:20 LOG_ARCHIVE_IS_MANAGEMENT']);
  });
});
