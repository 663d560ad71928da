import {
  DescribeOrganizationConfigurationCommand, GetConfigurationPolicyCommand, GetFindingAggregatorCommand, paginateListConfigurationPolicies,
  paginateListConfigurationPolicyAssociations, paginateListFindingAggregators, paginateListMembers, SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { CollectContext } from '../../collect/context';
import { pages } from '../../collect/pages';
import { isNotRead, notRead } from '../../readable';
import { MEMBERS_PAGE, PAGE, reader } from './read';
import type { LiveConfigurationPolicy, LiveMember, LivePolicyAssociation, LiveSecurityHub } from './snapshot';

/** Security Hub's central configuration from the aggregation region, and its members in every region. */
export async function readSecurityHub(ctx: CollectContext, adminAccountId: string, region: string, regions: readonly string[]): Promise<LiveSecurityHub> {
  const sh = ctx.pool.reader(SecurityHubClient, adminAccountId, region);
  const read = reader(ctx, adminAccountId);
  const [organization, aggregator, policies, associations, members] = await Promise.all([
    read('securityhub:DescribeOrganizationConfiguration', async () => {
      const r = await sh.send(new DescribeOrganizationConfigurationCommand({}));
      return {
        configurationType: r.OrganizationConfiguration?.ConfigurationType, status: r.OrganizationConfiguration?.Status,
        autoEnable: r.AutoEnable, autoEnableStandards: r.AutoEnableStandards,
      };
    }),
    read('securityhub:ListFindingAggregators', async () => {
      for await (const p of pages(paginateListFindingAggregators, { client: sh, pageSize: PAGE }, {})) {
        const arn = p.FindingAggregators?.[0]?.FindingAggregatorArn;
        if (arn) return arn;
      }
      return null;
    }).then((arn) => (arn === null || isNotRead(arn) ? arn : read('securityhub:GetFindingAggregator', async () => {
      const r = await sh.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }));
      return { arn, regionLinkingMode: r.RegionLinkingMode, regions: [...(r.Regions ?? [])].sort() };
    }))),
    read('securityhub:ListConfigurationPolicies', async () => {
      const ids: string[] = [];
      for await (const p of pages(paginateListConfigurationPolicies, { client: sh, pageSize: PAGE }, {})) {
        for (const c of p.ConfigurationPolicySummaries ?? []) if (c.Id) ids.push(c.Id);
      }
      return ids;
    }).then((ids) => (isNotRead(ids) ? ids : Promise.all(ids.map((Identifier) => read('securityhub:GetConfigurationPolicy', async (): Promise<LiveConfigurationPolicy> => {
      const r = await sh.send(new GetConfigurationPolicyCommand({ Identifier }));
      const hub = r.ConfigurationPolicy && 'SecurityHub' in r.ConfigurationPolicy ? r.ConfigurationPolicy.SecurityHub : undefined;
      return {
        id: r.Id ?? Identifier, arn: r.Arn ?? '', name: r.Name ?? '', description: r.Description, serviceEnabled: hub?.ServiceEnabled,
        enabledStandardArns: [...(hub?.EnabledStandardIdentifiers ?? [])],
        disabledControls: [...(hub?.SecurityControlsConfiguration?.DisabledSecurityControlIdentifiers ?? [])].sort(),
      };
    }))).then((all) => {
      const unread = all.filter(isNotRead);
      return unread.length ? notRead(unread.flatMap((u) => u.notRead)) : (all as LiveConfigurationPolicy[]);
    }))),
    read('securityhub:ListConfigurationPolicyAssociations', async () => {
      const out: LivePolicyAssociation[] = [];
      // Only what is applied to a target directly: inherited associations follow from them.
      for await (const p of pages(paginateListConfigurationPolicyAssociations, { client: sh, pageSize: PAGE }, { Filters: { AssociationType: 'APPLIED' } })) {
        for (const a of p.ConfigurationPolicyAssociationSummaries ?? []) {
          if (a.TargetId && a.ConfigurationPolicyId) out.push({ policyId: a.ConfigurationPolicyId, targetId: a.TargetId, targetType: a.TargetType, status: a.AssociationStatus });
        }
      }
      return out.sort((a, b) => a.targetId.localeCompare(b.targetId));
    }),
    Promise.all(regions.map(async (r) => {
      const client = ctx.pool.reader(SecurityHubClient, adminAccountId, r);
      return {
        region: r,
        members: await read('securityhub:ListMembers', async () => {
          const out: LiveMember[] = [];
          for await (const p of pages(paginateListMembers, { client, pageSize: MEMBERS_PAGE }, { OnlyAssociated: true })) {
            for (const m of p.Members ?? []) if (m.AccountId) out.push({ accountId: m.AccountId, status: m.MemberStatus ?? '' });
          }
          return out.sort((a, b) => a.accountId.localeCompare(b.accountId));
        }),
      };
    })),
  ]);
  return { region, organization, aggregator, policies, associations, members };
}

