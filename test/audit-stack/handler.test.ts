import { collectOptions, type FunctionSettings } from '../../audits/lambda/handler';
import { collectSnapshot } from '../../audits/collect';
import { detectDrift } from '../../audits/drift';
import { startSandbox } from '../../audits/sandbox';
import { snapshotFromDeclaration } from '../../audits/sandbox/seed';
import { exampleLandingZone, STATIC_CREDENTIALS } from '../audits/fixtures';

describe('the scheduled audit function reads what lzkit audit reads', () => {
  it('enters through its roles and reads the logging, network and identity sections, finding no drift on a perfect deployment', async () => {
    const lz = exampleLandingZone();
    const sandbox = await startSandbox({ snapshot: snapshotFromDeclaration(lz) });
    const saved = process.env.AWS_ENDPOINT_URL;
    // The function's STS client for the management role is the SDK's own: it finds the endpoint here.
    process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
    try {
      const settings: FunctionSettings = {
        reportBucket: 'unused', topicArn: 'unused', auditRoleName: lz.organization.roles.audit,
        managementAccountId: lz.accounts.get(lz.organization.managementAccount)!.id!, auditAccountId: lz.accounts.get('audit')!.id!,
        securityHubExport: false, batchSize: 25, region: lz.organization.homeRegion,
      };
      const { snapshot } = await collectSnapshot(collectOptions(lz, settings, async () => STATIC_CREDENTIALS));
      expect(snapshot.errors).toEqual([]);
      expect(snapshot.logging).toBeDefined();
      expect(snapshot.network).toBeDefined();
      expect(snapshot.identity).toBeDefined();
      expect(detectDrift(lz, snapshot)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
      await sandbox.stop();
    }
  });
});
