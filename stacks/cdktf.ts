/**
 * The one place lzkit imports the cdktf core library (the AWS provider's classes come through
 * stacks/aws.ts). cdktf was archived in December 2025; its community continuation (cdktn) needs
 * Node 22. Switching means changing this file and stacks/aws.ts, nothing else.
 */
export {
  App, Aspects, DataResource, Fn, LocalBackend, S3Backend, TerraformOutput, TerraformStack, TerraformResource, TerraformAsset,
  AssetType, Testing, Token, Lazy, DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3,
} from 'cdktf';
export type { IAspect, ITerraformDependable, TerraformProvider } from 'cdktf';
/** Zips a folder synchronously (what TerraformAsset ARCHIVE does at every synth; the audit bundle caches its zip). */
export { archiveSync } from 'cdktf/lib/private/fs';

/*
 * cdktf 0.21 adds a `terraform version` check to every resource adopted with importFrom() and
 * runs each one as its own `sh -c "terraform version"` process at synth: ~0.1-0.4 s each, 50 s
 * for 500 adopted accounts (bench/synth.ts). The answer cannot change within one process, so
 * identical checks run once, and a failing one is reported once, not once per resource.
 * Synthesis itself does not need terraform (deploying does): when it is not installed at all,
 * synth goes on and says so in one line instead of failing with an error per adopted resource.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidateBinaryVersion } from 'cdktf/lib/validations/validate-binary-version';

const versionChecks = new Map<string, string[]>();
const checkVersion = ValidateBinaryVersion.prototype.validate;
ValidateBinaryVersion.prototype.validate = function validateOnce(this: ValidateBinaryVersion): string[] {
  const self = this as unknown as { binary: string; versionConstraint: string; versionCommand: string };
  const key = `${self.binary}\0${self.versionCommand}\0${self.versionConstraint}`;
  const seen = versionChecks.get(key);
  if (seen) return [];
  let result: string[];
  if (onPath(self.binary)) {
    result = checkVersion.call(this);
  } else {
    result = [];
    process.stderr.write(`lzkit: ${self.binary} is not installed (not on PATH): synthesized anyway; \`cdktf deploy\` needs ${self.binary} ${self.versionConstraint} (see the README's prerequisites)\n`);
  }
  versionChecks.set(key, result);
  return [...result];
};

/** Whether `binary` is an executable file in a folder of PATH (what `sh -c` would find). */
function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).some((dir) => {
    try {
      fs.accessSync(path.join(dir, binary), fs.constants.X_OK);
      return fs.statSync(path.join(dir, binary)).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * Runs `fn` without the cost of cdktf's creation stacks. cdktf captures a full stack trace for
 * every token it creates (one per attribute reference) and formats it at once, though it reads
 * it only to explain a token that fails to resolve. Formatting is most of that cost: under tsx,
 * which turns source maps on, each capture maps every frame (~1.5 s of a 1,000-account synth),
 * and plain formatting is still a tenth of a synth. So source maps are off (as in the compiled
 * package), and the captures, which V8 hands to prepareStackTrace with a plain object instead of
 * an Error, format as empty; a real Error keeps V8's own format.
 */
export function withPlainStackTraces<T>(fn: () => T): T {
  const sourceMaps = process.sourceMapsEnabled;
  const prepare = Error.prepareStackTrace;
  if (sourceMaps) process.setSourceMapsEnabled(false);
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    return prepare ? prepare(error, frames) : `${String(error)}${frames.map((f) => `\n    at ${String(f)}`).join('')}`;
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = prepare;
    if (sourceMaps) process.setSourceMapsEnabled(true);
  }
}
