import { FeatureType } from '@aws-sdk/client-iam';
import { loadLandingZone } from '../../model';
import { at, copyExample, edit, errorsOf, EXAMPLE_DIR, lineOf, removeCopies, replaceOnce } from './declaration-copy';

/*
 * Centralized root access for member accounts: the IAM organization features RootCredentialsManagement
 * and RootSessions. Both need trusted access for IAM in Organizations (the SDK's doc comments of
 * EnableOrganizationsRootCredentialsManagement and EnableOrganizationsRootSessions):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management
 */

const ORG = 'accounts/organization.yaml';

afterAll(removeCopies);

describe('organization.rootAccess', () => {
  it('the example manages root credentials and sessions centrally, by the feature names IAM uses', () => {
    const r = loadLandingZone(EXAMPLE_DIR);
    expect(r.errors).toEqual([]);
    const root = r.model!.organization.rootAccess!;
    expect(root).toMatchObject({ credentialsManagement: true, sessions: true, features: [FeatureType.ROOT_CREDENTIALS_MANAGEMENT, FeatureType.ROOT_SESSIONS] });
    expect(root.source).toMatchObject({ file: ORG, line: lineOf(EXAMPLE_DIR, ORG, 'rootAccess:') + 1 });
  });

  it('one feature alone is fine; none declared means lzkit does not manage it', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('    credentialsManagement: true\n', ''));
    expect(loadLandingZone(dir).model!.organization.rootAccess!.features).toEqual(['RootSessions']);
    edit(dir, ORG, replaceOnce('  rootAccess:\n    sessions: true\n', ''));
    expect(loadLandingZone(dir).model!.organization.rootAccess).toBeUndefined();
  });

  it('needs trusted access for iam.amazonaws.com', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('    - iam.amazonaws.com               # centralized root access (rootAccess below)\n', ''));
    expect(errorsOf(dir)).toEqual([at('TRUSTED_ACCESS_REQUIRED', ORG, lineOf(dir, ORG, 'credentialsManagement: true'))]);
  });

  it('is checked by the schema: only the two switches', () => {
    const dir = copyExample();
    edit(dir, ORG, replaceOnce('    sessions: true\n', '    sessions: true\n    passwords: false\n'));
    expect(errorsOf(dir)).toEqual([at('UNKNOWN_KEY', ORG, lineOf(dir, ORG, 'passwords: false'))]);
  });
});
