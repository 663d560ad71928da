import { copyExample } from '../model/declaration-copy';

export const SECURITY_SERVICES_YAML = 'accounts/security-services.yaml';

/** A copy of the example's core declaration with security-services.yaml and the log archive it delivers to. */
export function copyWithSecurityServices(): string {
  return copyExample({ sections: ['logging', 'securityServices'] });
}
