/** The public model API: load a declaration, and the types every other layer reads. */
export * from './types';
export type { LandingZone } from './landing-zone';
export type { KeyReader, LoggingDeclaration, LogLifecycle, NagAcknowledgement, NagPackName, NagSettings, ObjectLockRetention } from './logging';
export type { SecurityServicesDeclaration, GuardDutyDeclaration, SecurityHubDeclaration, ConfigDeclaration, AccessAnalyzerDeclaration } from './security-services';
export { reach, UnknownAccountError, type NetworkDeclaration, type ReachResult } from './network';
export { loadLandingZone, loadLandingZoneOrThrow, registerModelCheck, type LoadResult, type ModelCheck } from './load';
export { DeclarationError, Diagnostics, formatDiagnostic, type Diagnostic } from './diagnostics';
export { accountsUnder, attachmentPoints, expandTargets, ouChain } from './targets';
export { ROOT, normalizeOuPath } from './organization';
export * from './late-bound';
export { POLICY_TYPES, POLICY_TYPE_NAMES, MANAGEMENT_POLICY_TYPES, policyTypeOf, type PolicyTypeInfo } from './policy-types';
export { effectivePolicy, EffectivePolicyError, type EffectivePolicy, type EffectiveSetting, type IgnoredSetting } from './effective';
