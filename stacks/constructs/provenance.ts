import type { Construct } from 'constructs';
import type { SourceLocation } from '../../model';
import { TerraformResource } from '../cdktf';

/** Key under the Terraform JSON comment block (`"//"`, ignored by Terraform) that names the declaration line. */
export const PROVENANCE_KEY = 'lzkit_declaration';

/**
 * Records, in every Terraform resource under `scope`, the declaration line that produced it, as
 * `"//": { "lzkit_declaration": "accounts/logging.yaml:12:3" }`. Terraform ignores `//` keys;
 * `lzkit nag` reads them to point a finding at the line to change. Call after the resources exist.
 */
export function traceToDeclaration(scope: Construct, at: SourceLocation): void {
  for (const c of scope.node.findAll()) {
    if (c instanceof TerraformResource) c.addOverride(`//.${PROVENANCE_KEY}`, `${at.file}:${at.line}:${at.column}`);
  }
}

/** Reads the provenance back from a synthesized resource body. */
export function declarationOf(body: Record<string, unknown>): string | undefined {
  const comment = body['//'] as Record<string, unknown> | undefined;
  const v = comment?.[PROVENANCE_KEY];
  return typeof v === 'string' ? v : undefined;
}
