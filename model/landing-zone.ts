import type { AuditDeclaration } from './audit';
import type { IdentityDeclaration } from './identity';
import type { LoggingDeclaration } from './logging';
import type { NetworkDeclaration } from './network';
import type { SecurityServicesDeclaration } from './security-services';
import type { CoreModel } from './section';

/**
 * The whole declaration, validated. Read-only: stacks, audits and the simulator receive it (or
 * their slice of it) and never see raw YAML.
 */
export interface LandingZone extends CoreModel {
  readonly logging?: LoggingDeclaration;
  readonly network?: NetworkDeclaration;
  readonly identity?: IdentityDeclaration;
  readonly audit?: AuditDeclaration;
  readonly securityServices?: SecurityServicesDeclaration;
}
