import type { DriftScenario, MutableSnapshot } from '../../sandbox/scenario';
import { need, partOf } from '../../sandbox/scenario';
import type { LiveNetwork } from './snapshot';

const network = (s: MutableSnapshot) => partOf<LiveNetwork>(s, 'network', 'network');
const tgw = (s: MutableSnapshot) => need(network(s).transitGateways[0], 'Transit Gateway');

/** Drift of the network area, each on a deterministic victim. */
export const SCENARIOS: readonly DriftScenario[] = [
  { name: 'tgw-auto-accept', description: 'the Transit Gateway is set to accept shared attachments automatically', apply: (s) => { tgw(s).autoAcceptSharedAttachments = 'enable'; } },
  {
    name: 'tgw-extra-propagation', description: 'an attachment is propagated into a segment route table the declaration does not allow',
    apply: (s) => {
      const n = network(s);
      for (const t of n.routeTables) {
        const extra = n.attachments.find((a) => !t.propagations.includes(a.id) && a.associatedRouteTableId !== t.id);
        if (extra) { t.propagations = [...t.propagations, extra.id].sort(); return; }
      }
      throw new Error('every attachment already propagates everywhere');
    },
  },
];
