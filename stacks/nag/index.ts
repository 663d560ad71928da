/** cdk-nag over the synthesized Terraform: shadow, packs, report. */
export { runNag, hasUnacknowledgedErrors, baseRule, type NagFinding, type NagReport, type NagRunSettings } from './run';
export { buildShadow, type NotChecked, type Shadow } from './shadow';
export { readSynthesized, resourcesOf, type SynthesizedStack, type TerraformResourceJson } from './terraform';
export { synthesizeInMemory } from './synth';
export { ruleIdsOf } from './packs';
