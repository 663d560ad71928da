import type { LandingZone } from '../model';
import { LocalBackend, S3Backend, type TerraformStack } from './cdktf';

/** State backend for a stack: S3 with locking when the declaration configures it, local otherwise. */
export function configureBackend(stack: TerraformStack, lz: LandingZone, stackName: string): void {
  const b = lz.organization.stateBackend;
  if (b.type === 's3' && b.bucket) {
    const backend = new S3Backend(stack, {
      bucket: b.bucket,
      key: `${b.keyPrefix ?? 'lzkit'}/${stackName}.tfstate`,
      region: b.region ?? lz.organization.homeRegion,
      encrypt: b.encrypt ?? true,
      dynamodbTable: b.dynamodbTable,
    });
    // S3-native locking (Terraform >= 1.10); the cdktf 0.21 typings predate the option.
    if (b.useLockfile ?? true) backend.addOverride('use_lockfile', true);
    return;
  }
  new LocalBackend(stack, { path: `${b.path ?? 'terraform.state'}/${stackName}.tfstate` });
}
