import { s3Request } from '../../audits/sandbox/s3';

/**
 * The sandbox routes an S3 bucket GET to the operation the S3 API reference gives for its
 * "Request Syntax" line, in path style and in virtual-host style:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAPI.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html.
 */
const ENDPOINT = 'localhost:4566';

describe('the sandbox\'s S3 routing', () => {
  it.each([
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html: GET /?policy
    ['policy', 'GetBucketPolicy'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html: GET /?encryption
    ['encryption', 'GetBucketEncryption'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html: GET /?versioning
    ['versioning', 'GetBucketVersioning'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html: GET /?publicAccessBlock
    ['publicAccessBlock', 'GetPublicAccessBlock'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLogging.html: GET /?logging
    ['logging', 'GetBucketLogging'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html: GET /?lifecycle
    ['lifecycle', 'GetBucketLifecycleConfiguration'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html: GET /?ownershipControls
    ['ownershipControls', 'GetBucketOwnershipControls'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html: GET /?object-lock
    ['object-lock', 'GetObjectLockConfiguration'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html: GET /?tagging (no collector reads it yet)
    ['tagging', 'GetBucketTagging'],
  ])('GET /?%s is %s', (subresource, operation) => {
    expect(s3Request(`/log-bucket?${subresource}`, ENDPOINT, ENDPOINT)).toEqual({ bucket: 'log-bucket', subresource, operation });
    expect(s3Request(`/?${subresource}`, `log-bucket.${ENDPOINT}`, ENDPOINT)).toEqual({ bucket: 'log-bucket', subresource, operation });
  });

  it('a request the sandbox does not serve has no operation', () => {
    expect(s3Request('/log-bucket/AWSLogs/o-example/file.json.gz', ENDPOINT, ENDPOINT).operation).toBe('');
  });
});
