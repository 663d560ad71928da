import { ListOrganizationsFeaturesCommand, type IAMClient } from '@aws-sdk/client-iam';
import { errorOf } from '../../../collect/context';
import { notRead, type CollectionError, type Readable } from '../../../readable';
import type { LiveRootAccess } from '../../../snapshot-core';

/**
 * The centralized root access features of the organization (management account). IAM answers
 * ServiceAccessNotEnabledException when its trusted access is off: that is an answer (no feature
 * is enabled), not a failed read. The IAM API reference (ListOrganizationsFeatures) documents it:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOrganizationsFeatures.html
 */
export async function organizationRootAccess(iam: IAMClient, record: (e: CollectionError) => void): Promise<Readable<LiveRootAccess>> {
  const api = 'iam:ListOrganizationsFeatures';
  try {
    const r = await iam.send(new ListOrganizationsFeaturesCommand({}));
    return { enabledFeatures: [...(r.EnabledFeatures ?? [])].sort() };
  } catch (e) {
    if ((e as Error).name === 'ServiceAccessNotEnabledException') return { enabledFeatures: [] };
    record(errorOf('organization', api, e));
    return notRead([api]);
  }
}
