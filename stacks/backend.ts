import * as path from 'path';
import type { LandingZone } from '../model';
import type { Construct } from 'constructs';
import { App, LocalBackend, S3Backend, TerraformStack } from './cdktf';

/** A stack with its own state backend: every lzkit stack is created here, so none lacks one. */
export function landingZoneStack(scope: Construct, lz: LandingZone, name: string): TerraformStack {
  const stack = new TerraformStack(scope, name);
  configureBackend(stack, lz, name);
  return stack;
}

/**
 * State backend for a stack: S3 with locking when the declaration configures it, local otherwise.
 * One state per stack (key or file named after the stack), so each stack plans and locks alone.
 */
function configureBackend(stack: TerraformStack, lz: LandingZone, stackName: string): void {
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
  new LocalBackend(stack, { path: localStatePath(lz.dir, b.path ?? 'terraform.state', App.of(stack).outdir, stackName) });
}

/**
 * Terraform runs each stack inside `<outdir>/stacks/<name>`, and a later stack reads an earlier
 * stack's local state through the same path; so the path is written relative to that folder and
 * points into the declaration folder: state survives deleting cdktf.out and the synthesized files
 * carry no machine-specific absolute path.
 */
export function localStatePath(declarationDir: string, stateFolder: string, outdir: string, stackName: string): string {
  const stackDir = path.resolve(outdir, 'stacks', stackName);
  const file = path.resolve(declarationDir, stateFolder, `${stackName}.tfstate`);
  return path.relative(stackDir, file).split(path.sep).join('/');
}
