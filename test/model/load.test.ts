import * as path from 'path';
import { loadLandingZone } from '../../model';

const ROOT_DIR = path.join(__dirname, '..', '..');

describe('the example declaration', () => {
  const r = loadLandingZone(ROOT_DIR);

  it('loads without errors', () => {
    expect(r.errors).toEqual([]);
    expect(r.model).toBeDefined();
  });

  it('has the OU tree the README describes', () => {
    const ous = [...r.model!.ous.keys()].sort();
    expect(ous).toEqual(['Infrastructure', 'Root', 'Sandbox', 'Security', 'Suspended', 'Workloads', 'Workloads/NonProd', 'Workloads/Prod']);
    expect(r.model!.ous.get('Workloads/Prod')!.depth).toBe(2);
  });
});
