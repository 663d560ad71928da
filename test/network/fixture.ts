import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { loadLandingZone, type LoadResult } from '../../model';

export const ROOT_DIR = path.join(__dirname, '..', '..');

/** network.yaml as tests edit it: the fields they touch, typed loosely on purpose (bad input is the point). */
export interface RawSpoke { account: string; segment: string; cidr?: string; netmaskLength?: number; azs: string[]; tiers: { name: string; size: number }[] }
export interface RawNetworkFile {
  transitGateway: { amazonSideAsn: number; cidrBlocks?: string[] };
  segments: { name: string; reaches?: string[]; isolated?: boolean; reach?: string[] }[];
  ipam: { topPool: string; pools: { segment: string; cidr: string }[] };
  spokes: RawSpoke[];
  egress: { segment: string; usedBy: string[] };
}

/** The example network.yaml as plain data (read independently of the model). */
export function exampleNetwork(): RawNetworkFile {
  return parse(fs.readFileSync(path.join(ROOT_DIR, 'accounts', 'network.yaml'), 'utf8'));
}

/** A copy of the example declaration with network.yaml replaced by `edit(data)`, loaded. */
export function loadWithNetwork(edit: (n: RawNetworkFile) => void): LoadResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-net-'));
  try {
    fs.cpSync(path.join(ROOT_DIR, 'accounts'), path.join(dir, 'accounts'), { recursive: true });
    fs.cpSync(path.join(ROOT_DIR, 'policies'), path.join(dir, 'policies'), { recursive: true });
    const n = exampleNetwork();
    edit(n);
    fs.writeFileSync(path.join(dir, 'accounts', 'network.yaml'), stringify(n));
    return loadLandingZone(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const spoke = (n: RawNetworkFile, account: string): RawSpoke => n.spokes.find((s) => s.account === account)!;
