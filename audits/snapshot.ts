import * as fs from 'fs';
import type { AreaParts } from './areas';
import { SNAPSHOT_SCHEMA_VERSION, SnapshotError, type CoreSnapshot } from './snapshot-core';
import { upgradeV1 } from './snapshot-v1';

export * from './readable';
export * from './snapshot-core';

/**
 * The audit's collected live state: the core (audits/snapshot-core.ts) and each declared area's
 * part under its key (audits/areas/index.ts). Recorded with `lzkit audit --save-snapshot`,
 * replayed with `--snapshot`, served by `lzkit sandbox`. The drift engine reads only this, never AWS.
 */
export type Snapshot = CoreSnapshot & AreaParts;

export function writeSnapshot(file: string, snapshot: Snapshot): void {
  fs.writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
}

/** Reads and checks a snapshot file; every problem is a SnapshotError with one clear line. `onNote` hears about conversions. */
export function readSnapshot(file: string, onNote?: (note: string) => void): Snapshot {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SnapshotError(`cannot read snapshot ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseSnapshot(text, file, onNote);
}

export function parseSnapshot(text: string, file = 'snapshot', onNote?: (note: string) => void): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`${file} is not a snapshot: not valid JSON (${(err as Error).message.replace(/\s+/g, ' ')}); record one with 'lzkit audit --save-snapshot FILE'`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new SnapshotError(`${file} is not a snapshot: expected a JSON object; record one with 'lzkit audit --save-snapshot FILE'`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION && version !== 1) {
    throw new SnapshotError(`${file} has snapshot schemaVersion ${JSON.stringify(version ?? null)}; this lzkit reads versions 1 and ${SNAPSHOT_SCHEMA_VERSION}: record it again with this lzkit`);
  }
  const required = ['organization', 'root', 'organizationalUnits', 'accounts', 'policies'] as const;
  const missing = required.filter((k) => (data as Record<string, unknown>)[k] === undefined);
  if (missing.length) throw new SnapshotError(`${file} is not a complete snapshot: missing ${missing.join(', ')}`);
  if (version === 1) {
    const upgraded = upgradeV1(data as Record<string, unknown>);
    onNote?.(`${file} is a version 1 snapshot: read as version ${SNAPSHOT_SCHEMA_VERSION} (account Status as State, parts it lacks as not read); save it again with this lzkit to drop this note`);
    return upgraded as Snapshot;
  }
  const s = data as Partial<Snapshot>;
  const absent = (['trustedServices', 'delegatedAdministrators', 'accountStates', 'errors'] as const).filter((k) => s[k] === undefined);
  if (absent.length) throw new SnapshotError(`${file} is not a complete snapshot: missing ${absent.join(', ')}; record it again with 'lzkit audit --save-snapshot FILE'`);
  return { region: 'us-east-1', collectedAt: '', ...s } as Snapshot;
}
