import { loadLandingZone } from '../../model';
import { at, copyExample, edit, errorsOf, lineOf, removeCopies, replaceOnce } from '../model/declaration-copy';
import { copyWithSecurityServices, SECURITY_SERVICES_YAML } from './fixture';

afterAll(removeCopies);

function broken(rel: string, from: string, to: string): { dir: string; errors: ReturnType<typeof errorsOf> } {
  const dir = copyWithSecurityServices();
  edit(dir, rel, replaceOnce(from, to));
  return { dir, errors: errorsOf(dir) };
}

describe('security-services.yaml meaning pass', () => {
  it('the example loads with the security tooling account administering the four services, defaults applied', () => {
    const lz = loadLandingZone(copyWithSecurityServices()).model!;
    const s = lz.securityServices!;
    expect(s.administratorAccount).toBe('security-tooling');
    expect(s.guardDuty).toMatchObject({ autoEnable: 'ALL', exportFindings: true, protection: { s3: true, runtimeMonitoring: true } });
    expect(s.securityHub).toMatchObject({ aggregationRegion: 'us-east-1', configurationPolicy: { name: 'lzkit-baseline', disabledControls: ['IAM.6'], targets: { ous: ['Root'] } } });
    expect(s.config).toMatchObject({ deliveryFrequency: 'TwentyFour_Hours', aggregatorName: 'lzkit-organization', recorderTargets: { ous: ['Root'], excludeAccounts: ['retired-legacy'] } });
    expect(s.accessAnalyzer).toMatchObject({ name: 'lzkit-organization', unusedAccess: { days: 90 } });
    // Located on the declaring lines, where a finding about the service points.
    expect(s.guardDuty!.source).toMatchObject({ file: SECURITY_SERVICES_YAML, line: lineOf(lz.dir, SECURITY_SERVICES_YAML, 'guardDuty:') });
    expect(s.securityHub!.configurationPolicy.standardsSource.line).toBe(lineOf(lz.dir, SECURITY_SERVICES_YAML, 'standards:'));
  });

  it('defaults the administrator to organization.accountRoles.securityTooling, then the audit account', () => {
    const dir = copyWithSecurityServices();
    edit(dir, SECURITY_SERVICES_YAML, replaceOnce('administratorAccount: security-tooling', '# no administratorAccount'));
    expect(loadLandingZone(dir).model!.securityServices!.administratorAccount).toBe('security-tooling');
    edit(dir, 'accounts/organization.yaml', replaceOnce('    securityTooling: security-tooling\n', ''));
    // The audit account is then the administrator, which organization.yaml does not delegate the services to.
    expect(errorsOf(dir).map((e) => e.code)).toEqual(['SECURITY_ADMIN_NOT_DELEGATED', 'SECURITY_ADMIN_NOT_DELEGATED', 'SECURITY_ADMIN_NOT_DELEGATED', 'SECURITY_ADMIN_NOT_DELEGATED']);
  });

  it('asks for the delegation organization.yaml must make, on the service\'s line', () => {
    const { dir, errors } = broken('accounts/organization.yaml', '    - { service: securityhub.amazonaws.com, account: security-tooling }\n', '');
    expect(errors).toEqual([at('SECURITY_ADMIN_NOT_DELEGATED', SECURITY_SERVICES_YAML, lineOf(dir, SECURITY_SERVICES_YAML, 'securityHub:'))]);
    expect(errors[0].message).toContain('add { service: securityhub.amazonaws.com, account: security-tooling } to delegatedAdministrators');
  });

  it('refuses a delegation to another account than the administrator', () => {
    const { errors } = broken('accounts/organization.yaml', '{ service: config.amazonaws.com, account: security-tooling }', '{ service: config.amazonaws.com, account: audit }');
    expect(errors.map((e) => e.code)).toEqual(['SECURITY_ADMIN_NOT_DELEGATED']);
    expect(errors[0].message).toContain("delegates config.amazonaws.com to 'audit', not to the administrator 'security-tooling'");
  });

  it('refuses the management account as administrator', () => {
    const { dir, errors } = broken(SECURITY_SERVICES_YAML, 'administratorAccount: security-tooling', 'administratorAccount: management');
    expect(errors[0]).toEqual(at('SECURITY_ADMIN_IS_MANAGEMENT', SECURITY_SERVICES_YAML, lineOf(dir, SECURITY_SERVICES_YAML, 'administratorAccount:')));
  });

  // The standards of https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html
  it('names a standard Security Hub does not have, with a suggestion', () => {
    const { dir, errors } = broken(SECURITY_SERVICES_YAML, 'cis-aws-foundations-benchmark/v/3.0.0', 'cis-aws-foundations-benchmark/v/3.0');
    expect(errors).toEqual([at('UNKNOWN_STANDARD', SECURITY_SERVICES_YAML, lineOf(dir, SECURITY_SERVICES_YAML, 'cis-aws-foundations-benchmark'))]);
    expect(errors[0].message).toContain("did you mean 'cis-aws-foundations-benchmark/v/3.0.0'");
  });

  it('refuses a control id that is not SERVICE.NUMBER, an aggregation region that is not allowed, an unused-access window AWS refuses', () => {
    const dir = copyWithSecurityServices();
    edit(dir, SECURITY_SERVICES_YAML, replaceOnce('disabledControls: [IAM.6]', 'disabledControls: [IAM-6]'));
    edit(dir, SECURITY_SERVICES_YAML, replaceOnce('aggregationRegion: us-east-1', 'aggregationRegion: ap-south-1'));
    edit(dir, SECURITY_SERVICES_YAML, replaceOnce('days: 90', 'days: 400'));
    expect(errorsOf(dir).map((e) => [e.code, e.line])).toEqual([
      ['REGION_NOT_ALLOWED', lineOf(dir, SECURITY_SERVICES_YAML, 'aggregationRegion:')],
      ['INVALID_CONTROL_ID', lineOf(dir, SECURITY_SERVICES_YAML, 'disabledControls:')],
      ['UNUSED_ACCESS_DAYS_INVALID', lineOf(dir, SECURITY_SERVICES_YAML, 'days:')],
    ]);
  });

  it('recorder targets are OUs (a service-managed StackSet); policy targets exclude nobody', () => {
    const dir = copyWithSecurityServices();
    edit(dir, SECURITY_SERVICES_YAML, replaceOnce('targets: { ous: [Root], excludeAccounts: [retired-legacy] }', 'targets: { accounts: [audit] }'));
    edit(dir, SECURITY_SERVICES_YAML, replaceOnce('targets: { ous: [Root] }', 'targets: { ous: [Root], excludeAccounts: [audit] }'));
    expect(errorsOf(dir).map((e) => e.code).sort()).toEqual(['POLICY_TARGETS_NO_EXCLUDE', 'STACKSET_TARGETS_OUS_ONLY']);
  });

  it('GuardDuty\'s export and Config\'s delivery need the log archive of logging.yaml', () => {
    const dir = copyExample({ sections: ['securityServices'] });
    expect(errorsOf(dir)).toEqual([
      at('LOG_ARCHIVE_REQUIRED', SECURITY_SERVICES_YAML, lineOf(dir, SECURITY_SERVICES_YAML, 'exportFindings:')),
      at('LOG_ARCHIVE_REQUIRED', SECURITY_SERVICES_YAML, lineOf(dir, SECURITY_SERVICES_YAML, 'config:')),
    ]);
  });

  it('an unknown key is a structural error (the schema has additionalProperties: false)', () => {
    const { errors } = broken(SECURITY_SERVICES_YAML, '    s3: true', '    s3Protection: true');
    expect(errors.map((e) => e.code)).toEqual(['UNKNOWN_KEY']);
  });
});
