import * as fs from 'fs';
import * as path from 'path';
import { generateOrganization } from '../../bench/organization-generator';
import { formatDiagnostic, loadLandingZone } from '../../model';

const REPO = path.join(__dirname, '..', '..');

// The benchmarks measure only what validates: a generator drifting from the schema would make
// them measure an error path. Small N keeps this quick; the shapes are the same at N=1000.
describe.each([false, true])('the benchmark organization generator (areas: %s)', (areas) => {
  const gen = generateOrganization(REPO, 60, { areas });
  afterAll(() => fs.rmSync(gen.dir, { recursive: true, force: true }));

  it('writes a declaration that validates without errors', () => {
    const r = loadLandingZone(gen.dir);
    expect(r.errors.map(formatDiagnostic)).toEqual([]);
    expect(r.model!.accounts.size).toBe(gen.accounts);
  });

  it(areas ? 'declares logging, network with spokes, and identity' : 'declares no optional section', () => {
    const lz = loadLandingZone(gen.dir).model!;
    expect(lz.logging !== undefined).toBe(areas);
    expect(lz.network !== undefined).toBe(areas);
    expect(lz.identity !== undefined).toBe(areas);
    expect(gen.spokes > 0).toBe(areas);
  });
});
