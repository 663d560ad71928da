import {
  DescribeOrganizationConfigurationCommand, DescribePublishingDestinationCommand, GetDetectorCommand, GuardDutyClient,
  paginateListDetectors, paginateListMembers, paginateListPublishingDestinations,
} from '@aws-sdk/client-guardduty';
import type { CollectContext } from '../../collect/context';
import { pages } from '../../collect/pages';
import { isNotRead, notRead, type Readable } from '../../readable';
import { MEMBERS_PAGE, PAGE, reader } from './read';
import type { LiveDetector, LiveFeature, LiveGuardDutyRegion, LiveMember, LivePublishingDestination } from './snapshot';

const features = (list: readonly { Name?: string; Status?: string; AutoEnable?: string; AdditionalConfiguration?: readonly { Name?: string; Status?: string; AutoEnable?: string }[] }[] | undefined): LiveFeature[] =>
  (list ?? []).map((f) => ({
    name: f.Name ?? '', status: f.Status ?? f.AutoEnable ?? '',
    additional: (f.AdditionalConfiguration ?? []).map((a) => ({ name: a.Name ?? '', status: a.Status ?? a.AutoEnable ?? '' })),
  }));

/** GuardDuty in one region of the administrator account: its detector, the organization configuration, exports and members. */
export async function readGuardDuty(ctx: CollectContext, adminAccountId: string, region: string): Promise<LiveGuardDutyRegion> {
  const gd = ctx.pool.reader(GuardDutyClient, adminAccountId, region);
  const read = reader(ctx, adminAccountId);
  const ids = await read('guardduty:ListDetectors', async () => {
    const out: string[] = [];
    for await (const p of pages(paginateListDetectors, { client: gd, pageSize: 50 }, {})) out.push(...(p.DetectorIds ?? []));
    return out;
  });
  if (isNotRead(ids)) return { region, detector: ids };
  const DetectorId = ids[0];
  if (!DetectorId) return { region, detector: null };
  const [detector, organization, destinations, members] = await Promise.all([
    read('guardduty:GetDetector', async () => {
      const r = await gd.send(new GetDetectorCommand({ DetectorId }));
      return { status: r.Status ?? '', features: features(r.Features) };
    }),
    read('guardduty:DescribeOrganizationConfiguration', async () => {
      const r = await gd.send(new DescribeOrganizationConfigurationCommand({ DetectorId }));
      return { autoEnableOrganizationMembers: r.AutoEnableOrganizationMembers, features: features(r.Features) };
    }),
    readDestinations(ctx, gd, adminAccountId, DetectorId),
    read('guardduty:ListMembers', async () => {
      const out: LiveMember[] = [];
      for await (const p of pages(paginateListMembers, { client: gd, pageSize: MEMBERS_PAGE }, { DetectorId, OnlyAssociated: 'true' })) {
        for (const m of p.Members ?? []) if (m.AccountId) out.push({ accountId: m.AccountId, status: m.RelationshipStatus ?? '' });
      }
      return out.sort((a, b) => a.accountId.localeCompare(b.accountId));
    }),
  ]);
  const found: LiveDetector = { id: DetectorId, detector, organization, destinations, members };
  return { region, detector: found };
}

/** The publishing destinations (ListPublishingDestinations), each described: where and with which key. */
async function readDestinations(ctx: CollectContext, gd: GuardDutyClient, adminAccountId: string, DetectorId: string): Promise<Readable<LivePublishingDestination[]>> {
  const read = reader(ctx, adminAccountId);
  const listed = await read('guardduty:ListPublishingDestinations', async () => {
    const out: { id: string; type: string; status: string }[] = [];
    for await (const p of pages(paginateListPublishingDestinations, { client: gd, pageSize: PAGE }, { DetectorId })) {
      for (const d of p.Destinations ?? []) if (d.DestinationId) out.push({ id: d.DestinationId, type: d.DestinationType ?? '', status: d.Status ?? '' });
    }
    return out;
  });
  if (isNotRead(listed)) return listed;
  const described = await Promise.all(listed.map((d) => read('guardduty:DescribePublishingDestination', async () => {
    const r = await gd.send(new DescribePublishingDestinationCommand({ DetectorId, DestinationId: d.id }));
    return { ...d, destinationArn: r.DestinationProperties?.DestinationArn, kmsKeyArn: r.DestinationProperties?.KmsKeyArn };
  })));
  const unread = described.filter(isNotRead);
  return unread.length ? notRead(unread.flatMap((u) => u.notRead)) : (described as LivePublishingDestination[]);
}

