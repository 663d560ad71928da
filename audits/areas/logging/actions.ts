import type { AreaActions } from '../area';

/** The logging area's share of the audit role: the organization trail, the log archive bucket and its key. */
export const ACTIONS: AreaActions = {
  actions: [
    'cloudtrail:DescribeTrails',
    'cloudtrail:GetEventSelectors',
    'cloudtrail:GetTrailStatus',
    's3:GetBucketLogging',
    's3:GetBucketObjectLockConfiguration',
    's3:GetBucketOwnershipControls',
    's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock',
    's3:GetBucketVersioning',
    's3:GetEncryptionConfiguration',
    's3:GetLifecycleConfiguration',
    'kms:DescribeKey',
    'kms:GetKeyPolicy',
    'kms:GetKeyRotationStatus',
  ],
  sdkPackages: { '@aws-sdk/client-cloudtrail': 'cloudtrail', '@aws-sdk/client-s3': 's3', '@aws-sdk/client-kms': 'kms' },
  // S3 kept its pre-REST action names.
  renamed: {
    's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
    's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
    's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
    's3:ListBuckets': 's3:ListAllMyBuckets',
    's3:ListObjectsV2': 's3:ListBucket',
    's3:HeadBucket': 's3:ListBucket',
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html: reading a
    // bucket's default retention needs s3:GetBucketObjectLockConfiguration.
    's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  },
};
