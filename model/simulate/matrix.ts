import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { LandingZone } from '../landing-zone';
import { PACKAGE_ROOT } from '../paths';
import type { Account } from '../types';
import { simulatedAccountId } from './chain';
import { isKnownRegion } from '../regions';
import { checkAction, simulatorFor } from './simulator';
import { SimulationError, type Decision } from './types';

/** The action list lzkit ships; a declaration may keep its own copy in policies/. */
export const MATRIX_ACTIONS_FILE = 'policies/matrix-actions.yaml';

/** Regions tried, in order, as "one region outside the allowed ones". */
const OUTSIDE_CANDIDATES = ['il-central-1', 'af-south-1', 'sa-east-1', 'ap-southeast-3'];

export interface MatrixOptions {
  /** @default the list in policies/matrix-actions.yaml of the declaration, else lzkit's own */
  readonly actions?: readonly string[];
  /** @default the organization's allowed regions plus one outside them */
  readonly regions?: readonly string[];
  /** @default every account, management included */
  readonly accounts?: readonly Account[];
}

export interface MatrixCell {
  readonly account: string;
  readonly accountId: string;
  readonly ou: string;
  readonly action: string;
  readonly region: string;
  readonly decision: Decision;
  /** Guardrail ids whose statements denied it (`level:none` entries for an implicit deny). */
  readonly deniedBy: readonly string[];
}

export interface Matrix {
  readonly accounts: readonly string[];
  readonly actions: readonly string[];
  readonly regions: readonly string[];
  readonly cells: readonly MatrixCell[];
  /** Distinct decision keys (policy chains): each evaluated once per action and region. */
  readonly uniqueChains: number;
  /** Requests actually handed to the engine. */
  readonly evaluations: number;
}

/** Reads an action list file: YAML `actions: [...]` (or a bare list). */
export function readActionList(file: string): string[] {
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message.split('\n')[0];
    throw new SimulationError('ACTION_LIST_INVALID', `cannot read action list ${file} (${why}); pass a YAML file with actions: [SERVICE:Action, ...]`);
  }
  const list = Array.isArray(data) ? data : (data as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(list) || list.some((a) => typeof a !== 'string')) {
    throw new SimulationError('ACTION_LIST_INVALID', `${file} must hold 'actions:' with a list of SERVICE:Action strings`);
  }
  return list.map((a, i) => {
    try {
      return checkAction(a as string);
    } catch (e) {
      throw new SimulationError('UNKNOWN_ACTION', `${file} item ${i + 1}: ${(e as Error).message}`);
    }
  });
}

/** The default action list: the declaration's own file, else the one lzkit ships. */
export function defaultActions(lz: LandingZone): string[] {
  const own = path.join(lz.dir, MATRIX_ACTIONS_FILE);
  return readActionList(fs.existsSync(own) ? own : path.join(PACKAGE_ROOT, MATRIX_ACTIONS_FILE));
}

/** Allowed regions plus the first well-known region outside them. */
export function matrixRegions(lz: LandingZone): string[] {
  const allowed = [...lz.organization.allowedRegions];
  const outside = OUTSIDE_CANDIDATES.find((r) => !allowed.includes(r));
  return outside ? [...allowed, outside] : allowed;
}

/**
 * The effective-guardrail matrix: every account x action x region. Accounts whose decision key
 * (policy chain, plus their own id or OU path where a guardrail names it) is the same share one
 * evaluation per action and region.
 */
export function buildMatrix(lz: LandingZone, options: MatrixOptions = {}): Matrix {
  const sim = simulatorFor(lz);
  const actions = options.actions ? options.actions.map(checkAction) : defaultActions(lz);
  const regions = options.regions ? [...options.regions] : matrixRegions(lz);
  for (const r of regions) if (!isKnownRegion(r)) throw new SimulationError('UNKNOWN_REGION', `'${r}' is not an AWS region`);
  const accounts = options.accounts ?? [...lz.accounts.values()];

  const decided = new Map<string, { decision: Decision; deniedBy: string[] }[]>();
  const cells: MatrixCell[] = [];
  let evaluations = 0;
  for (const account of accounts) {
    const key = sim.decisionKey(account);
    let row = decided.get(key);
    if (!row) {
      row = [];
      for (const action of actions) {
        for (const region of regions) {
          const r = sim.simulate({ account: account.name, action, region });
          evaluations++;
          const deniedBy = r.decision === 'ExplicitlyDenied'
            ? [...new Set(r.reasons.map((x) => x.policy))]
            : r.decision === 'ImplicitlyDenied' ? r.reasons.map((x) => `${x.level}:none`) : [];
          row.push({ decision: r.decision, deniedBy });
        }
      }
      decided.set(key, row);
    }
    const accountId = simulatedAccountId(account);
    let i = 0;
    for (const action of actions) {
      for (const region of regions) {
        const d = row[i++];
        cells.push({ account: account.name, accountId, ou: account.ou, action, region, decision: d.decision, deniedBy: d.deniedBy });
      }
    }
  }
  return { accounts: accounts.map((a) => a.name), actions, regions, cells, uniqueChains: decided.size, evaluations };
}
