import { compared, locates, unchecked, type Coverage } from '../../drift/coverage-entry';

/** What the audit does with each property of the organization and its guardrails (drift/coverage.ts joins every area's). */
export const COVERAGE: readonly Coverage[] = [
  // organization
  locates('organization.adoptedId'),
  compared('organization.featureSet'),
  compared('organization.enabledPolicyTypes'),
  compared('organization.trustedServices'),
  unchecked('organization.keepLiveSettings', 'how Terraform applies the lists, not a setting of the organization'),
  unchecked('organization.ramSharingWithOrganization', 'RAM reports sharing with Organizations only through its own API, which the audit role does not call'),
  compared('organization.organizationalUnits[].path'),
  compared('organization.organizationalUnits[].name'),
  compared('organization.organizationalUnits[].parentPath'),
  locates('organization.organizationalUnits[].adoptedId'),
  unchecked('organization.organizationalUnits[].tags', 'ListTagsForResource is not called for OUs'),
  locates('organization.accounts[].name'),
  locates('organization.accounts[].email'),
  compared('organization.accounts[].ou'),
  locates('organization.accounts[].adoptedId'),
  unchecked('organization.accounts[].tags', 'ListTagsForResource is not called for accounts'),
  unchecked('organization.accounts[].roleName', 'AWS does not return the role an account was created with'),
  compared('organization.delegatedAdministrators[].servicePrincipal'),
  compared('organization.delegatedAdministrators[].account'),
  unchecked('organization.delegatedAdministrators[].via', 'every designation API registers the administrator with Organizations, which is what the audit reads'),
  unchecked('organization.delegatedAdministrators[].regions', 'the per-region designations of GuardDuty and Security Hub are not read'),
  compared('organization.rootAccessFeatures'),
  // guardrails
  locates('guardrails.policies[].id'),
  locates('guardrails.policies[].name'),
  locates('guardrails.policies[].type'),
  locates('guardrails.policies[].adoptedId'),
  compared('guardrails.policies[].content'),
  unchecked('guardrails.policies[].description', 'metadata: the document decides what a policy does'),
  unchecked('guardrails.policies[].tags', 'metadata: the document decides what a policy does'),
  compared('guardrails.attachments[]'),
  compared('guardrails.fullAwsAccessDetachments'),
];
