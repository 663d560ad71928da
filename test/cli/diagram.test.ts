import { loadLandingZoneOrThrow, type LandingZone } from '../../model';
import { renderDiagram } from '../../cli/diagram';
import { deploymentSummary } from '../../cli/deploy-summary';
import { deployOrder } from '../../stacks/summary';
import { REPO } from '../stacks/synth-helpers';

describe('diagram', () => {
  let lz: LandingZone;
  beforeAll(() => { lz = loadLandingZoneOrThrow(REPO); });

  it('mermaid names every OU and every account, with the guardrails attached at each', () => {
    const text = renderDiagram(lz, 'mermaid');
    expect(text.startsWith('flowchart TD\n')).toBe(true);
    for (const ou of lz.ous.values()) expect(text).toContain(`<b>${ou.path}</b>`);
    for (const a of lz.accounts.values()) expect(text).toContain(`<b>${a.name}`);
    for (const att of lz.guardrails.attachments) {
      for (const ou of att.ous) {
        const line = text.split('\n').find((l) => l.includes(`<b>${ou}</b>`))!;
        expect(line).toContain(att.policyId);
      }
    }
  });

  it('shows every policy type by its short name, and the types enabled at the root', () => {
    const text = renderDiagram(lz, 'mermaid');
    const root = text.split('\n').find((l) => l.includes('<b>Root</b>'))!;
    expect(root).toContain('DECLARATIVE_EC2 ec2-baseline');
    expect(root).toContain('AI_OPT_OUT ai-opt-out-all');
    expect(root).toMatch(/enabled: SCP, RCP, TAG, BACKUP, AI_OPT_OUT, DECLARATIVE_EC2/);
    expect(text.split('\n').find((l) => l.includes('<b>Workloads</b>'))).toContain('BACKUP backup-tagged-resources');
  });

  it('mermaid draws one edge per OU and account below the root', () => {
    const edges = renderDiagram(lz, 'mermaid').split('\n').filter((l) => l.includes(' --> '));
    expect(edges).toHaveLength(lz.ous.size - 1 + lz.accounts.size);
  });

  it('dot is a digraph with every OU as a folder', () => {
    const text = renderDiagram(lz, 'dot');
    expect(text).toMatch(/^digraph organization \{/);
    expect(text.match(/shape=folder/g)).toHaveLength(lz.ous.size);
    expect(text.match(/ -> /g)).toHaveLength(lz.ous.size - 1 + lz.accounts.size);
  });

  it('escapes quotes in names so the diagram stays parseable', () => {
    const root = { ...lz.root, path: 'Root "main"' };
    const quoted = { ...lz, root, ous: new Map([[root.path, root]]) } as LandingZone;
    expect(renderDiagram(quoted, 'mermaid')).toContain('Root #quot;main#quot;');
    expect(renderDiagram(quoted, 'dot')).toContain('Root \\"main\\"');
  });
});

describe('deployment summary', () => {
  it('counts accounts to create and to adopt, and names the created ones', () => {
    const lz = loadLandingZoneOrThrow(REPO);
    const members = [...lz.accounts.values()].filter((a) => !a.isManagement);
    const created = members.filter((a) => !a.id);
    const line = deploymentSummary(lz, []).find((l) => l.startsWith('accounts:'))!;
    expect(line).toContain(`${created.length} to create`);
    expect(line).toContain(`${members.length - created.length} to adopt`);
    expect(line).toContain(created[0].name);
  });
});

describe('deploy summary of the shards', () => {
  it('counts the shard stacks and names the largest against the maximum', () => {
    const lz = loadLandingZoneOrThrow(REPO);
    const stack = (name: string, resources: number) => ({ name, resources, resourcesByType: {}, imports: 0, dependsOn: [] });
    const line = deploymentSummary(lz, [stack('organization', 9), stack('accounts-Workloads', 5), stack('accounts-Sandbox', 1), stack('guardrails-Workloads', 11), stack('guardrails', 18)])
      .find((l) => l.startsWith('shards:'));
    expect(line).toBe(`shards: 2 account stacks, 1 guardrail attachment stack; the largest, guardrails-Workloads, holds 11 resources (organization.shards.maxResourcesPerStack: ${lz.organization.shards.maxResourcesPerStack})`);
  });
});

describe('deploy order', () => {
  it('puts every stack after the stacks it reads, ties in the preferred order', () => {
    expect(deployOrder({ guardrails: ['organization'], identity: ['organization'], organization: [], logging: [] }, ['organization', 'guardrails', 'logging', 'identity']))
      .toEqual(['organization', 'guardrails', 'logging', 'identity']);
    expect(deployOrder({ a: ['b'], b: [] })).toEqual(['b', 'a']);
  });
});
