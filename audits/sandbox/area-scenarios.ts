import { read, type DriftScenario, type MutableSnapshot } from './scenarios';

/** Drift of the logging, network and identity areas, each on a deterministic victim. */
const need = <T>(v: T | undefined | null, what: string): T => {
  if (v === undefined || v === null) throw new Error(`the organization has no ${what} to drift`);
  return v;
};
const logging = (s: MutableSnapshot) => read(need(s.logging, 'logging'), 'logging');
const network = (s: MutableSnapshot) => read(need(s.network, 'network'), 'network');
const trail = (s: MutableSnapshot) => need(read(logging(s).trails, 'trails')[0], 'organization trail');
const tgw = (s: MutableSnapshot) => need(network(s).transitGateways[0], 'Transit Gateway');
const identity = (s: MutableSnapshot) => read(need(s.identity, 'IAM Identity Center'), 'IAM Identity Center');

export const AREA_SCENARIOS: DriftScenario[] = [
  { name: 'trail-stopped', description: 'logging of the organization trail is stopped (StopLogging)', apply: (s) => { trail(s).isLogging = false; } },
  { name: 'trail-single-region', description: 'the organization trail is made single-region', apply: (s) => { trail(s).isMultiRegionTrail = false; } },
  {
    name: 'bucket-public', description: 'the log bucket loses its public-access block and gets a public read statement',
    apply: (s) => {
      const b = need(read(logging(s).bucket, 'log bucket'), 'log bucket');
      b.publicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
      const doc = JSON.parse(read(b.policy, 'bucket policy') ?? '{"Version":"2012-10-17","Statement":[]}') as { Statement: unknown[] };
      doc.Statement.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b.name}/*` });
      b.policy = JSON.stringify(doc);
    },
  },
  { name: 'tgw-auto-accept', description: 'the Transit Gateway is set to accept shared attachments automatically', apply: (s) => { tgw(s).autoAcceptSharedAttachments = 'enable'; } },
  {
    name: 'tgw-extra-propagation', description: 'an attachment is propagated into a segment route table the declaration does not allow',
    apply: (s) => {
      const n = network(s);
      for (const t of n.routeTables) {
        const extra = n.attachments.find((a) => !t.propagations.includes(a.id) && a.associatedRouteTableId !== t.id);
        if (extra) { t.propagations = [...t.propagations, extra.id].sort(); return; }
      }
      throw new Error('every attachment already propagates everywhere');
    },
  },
  {
    name: 'permission-set-edited', description: 'a permission set gets a longer session and AdministratorAccess in the console',
    apply: (s) => {
      const ps = need(identity(s).permissionSets.find((p) => !p.managedPolicies.includes('arn:aws:iam::aws:policy/AdministratorAccess')), 'permission set without AdministratorAccess');
      ps.sessionDuration = 'PT12H';
      ps.managedPolicies = [...ps.managedPolicies, 'arn:aws:iam::aws:policy/AdministratorAccess'].sort();
    },
  },
  {
    name: 'assignment-removed', description: 'an account assignment is deleted (the permission set stays provisioned)',
    apply: (s) => { need(identity(s).assignments.shift(), 'account assignment'); },
  },
  {
    name: 'assignment-added', description: 'a group gets a managed permission set in an account the declaration does not give it',
    apply: (s) => {
      const i = identity(s);
      for (const ps of i.permissionSets) {
        for (const a of read(s.accounts, 'accounts')) {
          for (const g of i.groups) {
            if (a.state !== 'ACTIVE' || i.assignments.some((x) => x.accountId === a.id && x.permissionSetArn === ps.arn && x.principalId === g.id)) continue;
            i.assignments.push({ accountId: a.id, permissionSetArn: ps.arn, principalType: 'GROUP', principalId: g.id });
            if (!ps.provisionedAccounts.includes(a.id)) ps.provisionedAccounts = [...ps.provisionedAccounts, a.id].sort();
            return;
          }
        }
      }
      throw new Error('every group already holds every permission set everywhere');
    },
  },
];
