import type { CfnResource } from 'aws-cdk-lib';
import { CfnWaitConditionHandle } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks,
  type IApplyRule, type NagPack,
} from 'cdk-nag';
import type { NagPackName } from '../../model';

/** The declaration's pack names and cdk-nag's classes. */
const PACKS: Record<NagPackName, () => NagPack> = {
  AwsSolutions: () => new AwsSolutionsChecks(),
  'NIST.800.53.R5': () => new NIST80053R5Checks(),
  'NIST.800.53.R4': () => new NIST80053R4Checks(),
  'HIPAA.Security': () => new HIPAASecurityChecks(),
  'PCI.DSS.321': () => new PCIDSS321Checks(),
  Serverless: () => new ServerlessChecks(),
};

export function createPack(name: NagPackName): NagPack {
  return PACKS[name]();
}

/** The protected parts of NagPack this module uses to list a pack's rules. */
interface PackInternals {
  applyRule(params: IApplyRule): void;
  checkResource(node: CfnResource): void;
  packName: string;
}

const ruleIdCache = new Map<NagPackName, ReadonlySet<string>>();

/**
 * Every rule id of a pack, read from the pack's own table: each pack applies every rule to
 * every resource, so one pass over a placeholder resource with `applyRule` recording instead of
 * checking lists them all (cdk-nag v3 publishes no list).
 */
export function ruleIdsOf(name: NagPackName): ReadonlySet<string> {
  const cached = ruleIdCache.get(name);
  if (cached) return cached;
  const pack = createPack(name) as unknown as PackInternals;
  const ids = new Set<string>();
  pack.applyRule = (p: IApplyRule) => { ids.add(`${pack.packName}-${p.ruleSuffixOverride ?? p.rule.name}`); };
  pack.checkResource(new CfnWaitConditionHandle(new Stack(), 'Probe'));
  ruleIdCache.set(name, ids);
  return ids;
}
