import type { SourceLocation } from '../types';

/** S3 lifecycle of the log bucket, in days after object creation (ordered: IA < Glacier < expiry). */
export interface LogLifecycle {
  readonly transitionToInfrequentAccessDays?: number;
  readonly transitionToGlacierDays?: number;
  readonly expirationDays?: number;
  readonly source: SourceLocation;
}

export interface ObjectLockRetention {
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  readonly days: number;
  readonly source: SourceLocation;
}

/** Someone allowed to decrypt the logs: a declared account (its root principal) or one IAM role. */
export type KeyReader =
  | { readonly kind: 'account'; readonly account: string; readonly source: SourceLocation }
  | { readonly kind: 'role'; readonly arn: string; readonly source: SourceLocation };

export type NagPackName = 'AwsSolutions' | 'NIST.800.53.R5' | 'NIST.800.53.R4' | 'HIPAA.Security' | 'PCI.DSS.321' | 'Serverless';

/** A cdk-nag finding accepted on purpose. Rule and resource are checked by `lzkit nag` (they need the synthesized app). */
export interface NagAcknowledgement {
  readonly rule: string;
  /** Terraform address (`aws_s3_bucket.access_log_bucket`). */
  readonly resource: string;
  readonly reason: string;
  readonly source: SourceLocation;
  /** Where `rule` and `resource` stand, so `lzkit nag` can name them. */
  readonly ruleSource: SourceLocation;
  readonly resourceSource: SourceLocation;
}

export interface NagSettings {
  readonly packs: readonly NagPackName[];
  readonly acknowledgements: readonly NagAcknowledgement[];
  readonly source: SourceLocation;
}

/** The logging declaration (accounts/logging.yaml), defaults applied. */
export interface LoggingDeclaration {
  readonly source: SourceLocation;
  /** Account name holding the log bucket and its key. */
  readonly logArchiveAccount: string;
  readonly bucket: {
    readonly namePrefix: string;
    readonly lifecycle: LogLifecycle;
    readonly objectLock?: ObjectLockRetention;
    readonly source: SourceLocation;
  };
  readonly kms: { readonly readers: readonly KeyReader[]; readonly source: SourceLocation };
  readonly trail: {
    readonly name: string;
    readonly logFileValidation: boolean;
    readonly retentionDays: number;
    readonly dataEvents: { readonly s3: boolean; readonly lambda: boolean };
    readonly source: SourceLocation;
  };
  readonly flowLogs: { readonly prefix: string; readonly source: SourceLocation };
  readonly nag: NagSettings;
}
