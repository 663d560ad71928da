import { iamMappers } from './iam';
import { s3Mappers } from './s3';
import { serviceMappers } from './services';
import type { Mapper } from './types';

/** Every Terraform type the shadow understands; any other type is reported as not checked. */
export const MAPPERS: Readonly<Record<string, Mapper>> = { ...s3Mappers, ...iamMappers, ...serviceMappers };

export type { Mapper, MergedMapper, PrimaryMapper, ShadowContext } from './types';
