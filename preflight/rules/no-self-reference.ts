import { argumentsOf, referencesIn } from '../synthesized';
import { outcome, type PreconditionRule, type RuleProblem } from './rule';

/**
 * A resource whose own arguments refer to it cannot be planned: Terraform stops with
 * "Self-referential block". The SNS topic that sets its own `policy` with its own ARN is the
 * classic case; the documented fix is a separate aws_sns_topic_policy.
 */
export const noSelfReference: PreconditionRule = {
  id: 'no-self-reference',
  level: 'error',
  doc: 'https://developer.hashicorp.com/terraform/language/expressions/references#references-to-resource-attributes',
  description: 'No resource refers to its own attributes (Terraform refuses to plan a self-referential block).',
  check({ stacks }) {
    const problems: RuleProblem[] = [];
    for (const stack of stacks) {
      for (const r of stack.resources) {
        if (!referencesIn(argumentsOf(r)).has(r.address)) continue;
        const hint = r.type === 'aws_sns_topic' ? '; move the topic policy into an aws_sns_topic_policy whose arn refers to the topic' : '; move the argument into a separate resource';
        problems.push({ stack: stack.name, resource: r.address, message: `${r.address} refers to its own attributes, which Terraform refuses ("Self-referential block")${hint}` });
      }
    }
    return outcome(problems);
  },
};
