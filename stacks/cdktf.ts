/**
 * The one place lzkit imports the cdktf core library. cdktf was archived in December 2025; its
 * community continuation (cdktn) needs Node 22. Switching means changing this file (and the
 * provider package name in the deep imports), nothing else.
 */
export {
  App, Aspects, Fn, LocalBackend, S3Backend, TerraformOutput, TerraformStack, TerraformResource, TerraformAsset,
  AssetType, Testing, Token, Lazy, DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3,
} from 'cdktf';
export type { IAspect, ITerraformDependable } from 'cdktf';
