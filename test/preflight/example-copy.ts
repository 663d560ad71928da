import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const EXAMPLE_DIR = path.join(__dirname, '..', '..');

const made: string[] = [];

/** A whole copy of the example declaration (every section, the policy library and the schemas). */
export function copyWholeExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-preflight-'));
  for (const rel of ['accounts', 'policies', 'schema']) fs.cpSync(path.join(EXAMPLE_DIR, rel), path.join(dir, rel), { recursive: true });
  made.push(dir);
  return dir;
}

export function removeWholeCopies(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Adds an SCP that denies `ec2:CreateVpc` to everyone, attached to Workloads/Prod. */
export function denyCreateVpcAtProd(dir: string): void {
  fs.writeFileSync(path.join(dir, 'policies', 'scp', 'deny-create-vpc.json'), `${JSON.stringify({
    $schema: '../../schema/policy.schema.json', id: 'deny-create-vpc', type: 'SCP', description: 'No new VPCs in production.', severity: 'high',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:CreateVpc', Resource: '*' }] },
  }, null, 2)}\n`);
  const file = path.join(dir, 'accounts', 'guardrails.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const anchor = '  # Sandboxes: keep spend small.';
  if (!text.includes(anchor)) throw new Error('guardrails.yaml no longer holds the line this fixture inserts before');
  fs.writeFileSync(file, text.replace(anchor, `  - policy: deny-create-vpc\n    targets: { ous: [Workloads/Prod] }\n\n${anchor}`));
}
