/**
 * What the drift audit does with each part of the desired state: compares it with what it read,
 * uses it to find the live resource, or leaves it unchecked - and then says why. Every property of
 * the desired state has an entry (a test walks the example's desired state), so a property a stack
 * starts to deploy is either audited or listed here as not checked; reports list the unchecked ones
 * the way `lzkit nag` lists the resources it could not check.
 *
 * Paths name properties of the desired state (desired/index.ts); `[]` stands for every element of
 * a list. An entry covers its path and everything below it.
 */
export type Coverage =
  | { readonly path: string; readonly audit: 'compared' }
  | { readonly path: string; readonly audit: 'locates' }
  | { readonly path: string; readonly audit: 'not-checked'; readonly why: string };

const compared = (path: string): Coverage => ({ path, audit: 'compared' });
const locates = (path: string): Coverage => ({ path, audit: 'locates' });
const unchecked = (path: string, why: string): Coverage => ({ path, audit: 'not-checked', why });

const BUCKET_NOT_READ = 'the collector reads the log bucket only';

export const AUDIT_COVERAGE: readonly Coverage[] = [
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

  // logging: the organization trail
  locates('logging.archiveAccount'),
  locates('logging.trail.name'),
  locates('logging.trail.arn'),
  locates('logging.trail.account'),
  locates('logging.trail.region'),
  compared('logging.trail.bucket'),
  compared('logging.trail.kmsKeyArn'),
  compared('logging.trail.isOrganizationTrail'),
  compared('logging.trail.isMultiRegionTrail'),
  compared('logging.trail.includeGlobalServiceEvents'),
  compared('logging.trail.logFileValidation'),
  compared('logging.trail.logging'),
  unchecked('logging.trail.dataEvents', 'GetEventSelectors is not called'),
  unchecked('logging.trail.cloudWatch', 'the trail\'s CloudWatch Logs group, its key and its role are not read'),
  // logging: the archive key and the log bucket
  locates('logging.key.name'),
  locates('logging.key.account'),
  locates('logging.key.region'),
  compared('logging.key.alias'),
  compared('logging.key.rotation'),
  compared('logging.key.policy'),
  unchecked('logging.key.description', 'metadata'),
  unchecked('logging.key.deletionWindowDays', 'AWS reports it only while a deletion is pending'),
  locates('logging.logBucket.name'),
  locates('logging.logBucket.account'),
  locates('logging.logBucket.region'),
  locates('logging.logBucket.bucket'),
  locates('logging.logBucket.arn'),
  compared('logging.logBucket.versioning'),
  compared('logging.logBucket.encryption'),
  compared('logging.logBucket.publicAccessBlock'),
  compared('logging.logBucket.policy'),
  compared('logging.logBucket.accessLogging'),
  compared('logging.logBucket.lifecycle[].id'),
  compared('logging.logBucket.lifecycle[].status'),
  compared('logging.logBucket.lifecycle[].transitions'),
  compared('logging.logBucket.lifecycle[].expirationDays'),
  compared('logging.logBucket.lifecycle[].noncurrentExpirationDays'),
  unchecked('logging.logBucket.lifecycle[].prefix', 'the collector keeps only transitions and expirations of a rule'),
  unchecked('logging.logBucket.lifecycle[].abortIncompleteMultipartUploadDays', 'the collector keeps only transitions and expirations of a rule'),
  unchecked('logging.logBucket.objectOwnership', 'GetBucketOwnershipControls is not called'),
  unchecked('logging.logBucket.objectLock', 'GetObjectLockConfiguration is not called'),
  unchecked('logging.accessLogBucket', BUCKET_NOT_READ),
  unchecked('logging.flowLogDestination', 'flow logs are not read'),

  // network
  locates('network.hub.account'),
  locates('network.hub.region'),
  locates('network.hub.description'),
  locates('network.hub.tags'),
  compared('network.hub.amazonSideAsn'),
  compared('network.hub.autoAcceptSharedAttachments'),
  compared('network.hub.defaultRouteTableAssociation'),
  compared('network.hub.defaultRouteTablePropagation'),
  unchecked('network.hub.dnsSupport', 'DescribeTransitGateways options other than acceptance, association and propagation are not compared'),
  unchecked('network.hub.cidrBlocks', 'the Transit Gateway\'s CIDR blocks are not compared'),
  compared('network.hub.share.principals'),
  locates('network.hub.share.name'),
  unchecked('network.hub.share.toOrganization', 'how the share is made, not a property of it'),
  locates('network.routeTables[].segment'),
  locates('network.routeTables[].tags'),
  compared('network.routeTables[].associations'),
  compared('network.routeTables[].propagations'),
  unchecked('network.routeTables[].staticRoutes', 'SearchTransitGatewayRoutes is not called'),
  compared('network.attachments'),
  unchecked('network.ipam', 'IPAM pools, their CIDRs, shares and reservations are not read'),
  locates('network.spokes[].key'),
  locates('network.spokes[].account'),
  locates('network.spokes[].region'),
  compared('network.spokes[].spoke.cidr'),
  compared('network.spokes[].spoke.prefixLength'),
  locates('network.spokes[].spoke'),
  locates('network.spokes[].tags'),
  locates('network.spokes[].attachmentTags'),
  unchecked('network.spokes[].subnets', 'subnets are read but not compared with the plan'),
  unchecked('network.spokes[].routeTables', 'VPC route tables are not read'),
  unchecked('network.spokes[].acceptedByHub', 'how the attachment is made; its state is compared'),
  unchecked('network.spokes[].flowLog', 'DescribeFlowLogs is not called'),
  locates('network.egress.segment'),
  locates('network.egress.tags'),
  locates('network.egress.attachmentTags'),
  compared('network.egress.cidr'),
  unchecked('network.egress.azs', 'subnets are read but not compared with the plan'),
  unchecked('network.egress.subnets', 'subnets are read but not compared with the plan'),
  unchecked('network.egress.returnRoutes', 'VPC route tables are not read'),
  unchecked('network.egress.flowLog', 'DescribeFlowLogs is not called'),

  // identity
  locates('identity.administrator'),
  locates('identity.groups'),
  locates('identity.users'),
  locates('identity.permissionSets[].name'),
  compared('identity.permissionSets[].description'),
  compared('identity.permissionSets[].sessionDuration'),
  compared('identity.permissionSets[].relayState'),
  compared('identity.permissionSets[].managedPolicies'),
  compared('identity.permissionSets[].customerManagedPolicies'),
  compared('identity.permissionSets[].inlinePolicy'),
  compared('identity.permissionSets[].permissionsBoundary'),
  unchecked('identity.permissionSets[].tags', 'ListTagsForResource is not called for permission sets'),
  unchecked('identity.customerManagedPolicies', 'the policies in member accounts are not read'),
  compared('identity.assignments[]'),

  // security services
  unchecked('securityServices', 'the audit does not read GuardDuty, Security Hub, AWS Config or IAM Access Analyzer'),
];

/** The entry that covers a property path (the longest matching prefix), if any. */
export function coverageOf(path: string): Coverage | undefined {
  let best: Coverage | undefined;
  for (const c of AUDIT_COVERAGE) {
    if ((path === c.path || path.startsWith(`${c.path}.`) || path.startsWith(`${c.path}[]`)) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}

/** What the audit does not check, for the reports. */
export function uncheckedProperties(): readonly { readonly path: string; readonly why: string }[] {
  return AUDIT_COVERAGE.flatMap((c) => (c.audit === 'not-checked' ? [{ path: c.path, why: c.why }] : []));
}
