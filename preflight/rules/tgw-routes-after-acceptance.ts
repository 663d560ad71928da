import { referencesIn, str, waitsFor } from '../synthesized';
import { NOT_APPLICABLE, outcome, type PreconditionRule, type RuleProblem } from './rule';

const ROUTING = new Set(['aws_route', 'aws_ec2_transit_gateway_route', 'aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation']);

/**
 * A VPC attachment to a shared Transit Gateway without auto-accept stays pendingAcceptance until
 * the TGW owner accepts it; routes, associations and propagations that use it fail until then.
 * Each must wait for the accepter, not only for the attachment.
 */
export const tgwRoutesAfterAcceptance: PreconditionRule = {
  id: 'tgw-routes-after-acceptance',
  level: 'error',
  doc: 'https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html',
  description: 'Routes, associations and propagations of an attachment that needs accepting wait for its aws_ec2_transit_gateway_vpc_attachment_accepter.',
  check({ stacks }) {
    const problems: RuleProblem[] = [];
    let applicable = false;
    for (const stack of stacks) {
      for (const accepter of stack.resources.filter((r) => r.type === 'aws_ec2_transit_gateway_vpc_attachment_accepter')) {
        const attachment = [...referencesIn(str(accepter.body, 'transit_gateway_attachment_id') ?? '')].find((a) => a.startsWith('aws_ec2_transit_gateway_vpc_attachment.'));
        if (!attachment) continue;
        applicable = true;
        for (const r of stack.resources.filter((x) => ROUTING.has(x.type))) {
          const usesAttachment = waitsFor(r, attachment) || (r.type === 'aws_route' && str(r.body, 'transit_gateway_id') !== undefined);
          if (!usesAttachment || waitsFor(r, accepter.address)) continue;
          problems.push({ stack: stack.name, resource: r.address, message: `${r.address} uses the Transit Gateway attachment ${attachment} before ${accepter.address} accepts it: refer to the accepter (or add it to depends_on)` });
        }
      }
    }
    return applicable ? outcome(problems) : NOT_APPLICABLE;
  },
};
