import { IamRole, SfnStateMachine } from '../aws';
import type { AwsProvider } from '../aws';
import { Construct } from 'constructs';
import { policyJson } from './policy-document';
import { RolePolicy } from './role-policy';

export const FAN_OUT_STATE_MACHINE = 'lzkit-drift-audit-fan-out';
/** Batches read at once: each batch enters its accounts through STS, whose quota is per account but the org read is shared. */
export const FAN_OUT_CONCURRENCY = 10;

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const RETRY_TRANSIENT = [{
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  IntervalSeconds: 5, MaxAttempts: 4, BackoffRate: 2, JitterStrategy: 'FULL',
}];

/**
 * The Amazon States Language definition of the fan-out: the organization read once, the account
 * batches it returns read in parallel by a Distributed Map (each batch is one function run, so no
 * run nears the 15-minute limit), then one merge that runs the drift engine and publishes. A
 * failed batch does not fail the run: the merge reports its accounts as unauditable.
 */
export function fanOutDefinition(functionArn: string): Record<string, unknown> {
  const invoke = (payload: Record<string, unknown>): Record<string, unknown> => ({
    Type: 'Task', Resource: LAMBDA_INVOKE, Parameters: { FunctionName: functionArn, Payload: payload }, Retry: RETRY_TRANSIENT,
  });
  return {
    Comment: 'lzkit drift audit, fanned out by account batch',
    StartAt: 'CollectOrganization',
    States: {
      CollectOrganization: {
        ...invoke({ phase: 'organization', 'runId.$': '$$.Execution.Name' }),
        ResultSelector: { 'runId.$': '$.Payload.runId', 'batchCount.$': '$.Payload.batchCount', 'batches.$': '$.Payload.batches' },
        Next: 'CollectAccountBatches',
      },
      CollectAccountBatches: {
        Type: 'Map',
        ItemsPath: '$.batches',
        ItemSelector: { 'runId.$': '$.runId', 'batch.$': '$$.Map.Item.Value.batch', 'accounts.$': '$$.Map.Item.Value.accounts' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'CollectBatch',
          States: {
            CollectBatch: { ...invoke({ phase: 'accounts', 'runId.$': '$.runId', 'batch.$': '$.batch', 'accounts.$': '$.accounts' }), End: true },
          },
        },
        MaxConcurrency: FAN_OUT_CONCURRENCY,
        ToleratedFailurePercentage: 100,
        ResultPath: null,
        Next: 'MergeAndDetectDrift',
      },
      MergeAndDetectDrift: { ...invoke({ phase: 'merge', 'runId.$': '$.runId', 'batchCount.$': '$.batchCount' }), End: true },
    },
  };
}

export interface AuditFanOutProps {
  readonly provider: AwsProvider;
  readonly functionArn: string;
  readonly accountId: string;
  readonly region: string;
}

/** The fan-out state machine and its role (invoke the audit function, run its own child executions). */
export class AuditFanOut extends Construct {
  readonly stateMachine: SfnStateMachine;

  constructor(scope: Construct, id: string, props: AuditFanOutProps) {
    super(scope, id);
    const { provider, accountId, region } = props;
    const self = `arn:aws:states:${region}:${accountId}:stateMachine:${FAN_OUT_STATE_MACHINE}`;
    const executions = `arn:aws:states:${region}:${accountId}:execution:${FAN_OUT_STATE_MACHINE}/*`;
    const role = new IamRole(this, 'Role', {
      provider,
      name: 'lzkit-drift-audit-fan-out',
      assumeRolePolicy: policyJson([{
        Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      }]),
    });
    role.overrideLogicalId('audit_fan_out');
    new RolePolicy(this, 'Policy', { provider, role: role.name, policyName: 'lzkit-drift-audit-fan-out', logicalId: 'audit_fan_out', statements: [
          { Sid: 'InvokeAuditFunction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: props.functionArn },
          // A Distributed Map runs each batch as a child execution of this state machine.
          { Sid: 'RunChildExecutions', Effect: 'Allow', Action: 'states:StartExecution', Resource: self },
          { Sid: 'WatchChildExecutions', Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: executions },
        ] });
    this.stateMachine = new SfnStateMachine(this, 'Resource', {
      provider, name: FAN_OUT_STATE_MACHINE, roleArn: role.arn, type: 'STANDARD', definition: JSON.stringify(fanOutDefinition(props.functionArn)),
    });
    this.stateMachine.overrideLogicalId('audit_fan_out');
  }
}
