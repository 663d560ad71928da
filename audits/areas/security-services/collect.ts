import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { ConfigServiceClient, DescribeConfigurationRecorderStatusCommand, paginateDescribeConfigurationAggregators } from '@aws-sdk/client-config-service';
import { desiredState } from '../../../desired';
import type { LandingZone } from '../../../model/landing-zone';
import { errorOf, type AccountCollector, type CollectContext, type PlanContext } from '../../collect/context';
import { pages } from '../../collect/pages';
import { isNotRead, notRead, type NotRead, type Readable } from '../../readable';
import { readGuardDuty } from './collect-guardduty';
import { readSecurityHub } from './collect-securityhub';
import { PAGE, reader } from './read';
import type { LiveAccountRecorders, LiveAnalyzer, LiveConfigAggregator, LiveRecorderStatus, LiveSecurityServices } from './snapshot';

/** Which services to read, where: the administrator account and the regions the declaration deploys to. */
export interface SecurityServicesPlan {
  readonly adminAccountId: string;
  readonly guardDutyRegions?: readonly string[];
  readonly securityHub?: { readonly region: string; readonly regions: readonly string[] };
  readonly configAggregator?: { readonly region: string; readonly name: string };
  readonly analyzerRegions?: readonly string[];
}

export function planSecurityServices(ctx: PlanContext): SecurityServicesPlan | NotRead {
  const d = desiredState(ctx.lz).securityServices!;
  const adminAccountId = ctx.idOf(d.administrator, 'guardduty:ListDetectors');
  if (isNotRead(adminAccountId)) return adminAccountId;
  return {
    adminAccountId,
    guardDutyRegions: d.guardDuty?.regions,
    securityHub: d.securityHub && { region: d.securityHub.region, regions: d.securityHub.regions },
    configAggregator: d.config && { region: d.config.aggregator.region, name: d.config.aggregator.name },
    analyzerRegions: d.accessAnalyzers && [...new Set(d.accessAnalyzers.map((a) => a.region))],
  };
}

/**
 * The administrator's view of the organization, a bounded number of calls whatever the number of
 * accounts: per region GuardDuty's detector, organization configuration, publishing destinations
 * and members (50 a page) and the Access Analyzers; in the aggregation region Security Hub's
 * organization configuration, finding aggregator, configuration policies and their direct
 * associations, and its members in every region; the Config organization aggregator. Each read
 * that fails leaves only its own part NotRead.
 */
export async function collectSecurityServices(ctx: CollectContext, plan: SecurityServicesPlan): Promise<Readable<LiveSecurityServices>> {
  const [guardDuty, securityHub, configAggregator, accessAnalyzers] = await Promise.all([
    plan.guardDutyRegions && Promise.all(plan.guardDutyRegions.map((region) => readGuardDuty(ctx, plan.adminAccountId, region))),
    plan.securityHub && readSecurityHub(ctx, plan.adminAccountId, plan.securityHub.region, plan.securityHub.regions),
    plan.configAggregator && readAggregator(ctx, plan.adminAccountId, plan.configAggregator.region, plan.configAggregator.name),
    plan.analyzerRegions && Promise.all(plan.analyzerRegions.map(async (region) => ({ region, analyzers: await readAnalyzers(ctx, plan.adminAccountId, region) }))),
  ]);
  return {
    administratorAccountId: plan.adminAccountId,
    ...(guardDuty ? { guardDuty } : {}), ...(securityHub ? { securityHub } : {}),
    ...(configAggregator !== undefined ? { configAggregator } : {}), ...(accessAnalyzers ? { accessAnalyzers } : {}),
  };
}

async function readAggregator(ctx: CollectContext, adminAccountId: string, region: string, name: string): Promise<Readable<LiveConfigAggregator | null>> {
  const config = ctx.pool.reader(ConfigServiceClient, adminAccountId, region);
  return reader(ctx, adminAccountId)('config:DescribeConfigurationAggregators', async () => {
    try {
      for await (const p of pages(paginateDescribeConfigurationAggregators, { client: config, pageSize: PAGE }, { ConfigurationAggregatorNames: [name] })) {
        const a = p.ConfigurationAggregators?.find((x) => x.ConfigurationAggregatorName === name);
        if (a) {
          const o = a.OrganizationAggregationSource;
          return { name, arn: a.ConfigurationAggregatorArn ?? '', roleArn: o?.RoleArn, regions: [...(o?.AwsRegions ?? [])].sort(), allRegions: o?.AllAwsRegions ?? false };
        }
      }
      return null;
    } catch (e) {
      // Config answers a name it does not know with this error: the aggregator does not exist.
      if ((e as Error).name === 'NoSuchConfigurationAggregatorException') return null;
      throw e;
    }
  });
}

async function readAnalyzers(ctx: CollectContext, adminAccountId: string, region: string): Promise<Readable<LiveAnalyzer[]>> {
  const aa = ctx.pool.reader(AccessAnalyzerClient, adminAccountId, region);
  return reader(ctx, adminAccountId)('access-analyzer:ListAnalyzers', async () => {
    const out: LiveAnalyzer[] = [];
    for await (const p of pages(paginateListAnalyzers, { client: aa, pageSize: PAGE }, {})) {
      for (const a of p.analyzers ?? []) {
        const unused = a.configuration && 'unusedAccess' in a.configuration ? a.configuration.unusedAccess : undefined;
        out.push({ name: a.name ?? '', type: a.type ?? '', status: a.status ?? '', ...(unused?.unusedAccessAge !== undefined ? { unusedAccessAgeDays: unused.unusedAccessAge } : {}) });
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  });
}

/**
 * Inside every entered account, when the declaration records with AWS Config: the status of its
 * recorders in each allowed region (one call per region; the only read of the area per account).
 */
export function recorderCollector(lz: LandingZone): AccountCollector<LiveAccountRecorders> | undefined {
  const regions = desiredState(lz).securityServices?.config?.regions;
  if (!regions) return undefined;
  return {
    key: 'securityServices',
    async collect({ accountId, client, record }): Promise<LiveAccountRecorders> {
      const recorders = await Promise.all(regions.map(async (region) => {
        const config = client(ConfigServiceClient, region);
        const statuses = await config.send(new DescribeConfigurationRecorderStatusCommand({})).then(
          (r): Readable<LiveRecorderStatus[]> => (r.ConfigurationRecordersStatus ?? [])
            .map((x) => ({ name: x.name ?? '', recording: x.recording ?? false, ...(x.lastStatus ? { lastStatus: x.lastStatus } : {}) })),
          (e): NotRead => {
            record(errorOf('account', 'config:DescribeConfigurationRecorderStatus', e, accountId));
            return notRead(['config:DescribeConfigurationRecorderStatus']);
          },
        );
        return { region, statuses };
      }));
      return { recorders };
    },
  };
}
