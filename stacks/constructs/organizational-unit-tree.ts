import { OrganizationsOrganizationalUnit } from '../aws';
import { Construct } from 'constructs';
import type { DesiredOrganizationalUnit } from '../../desired';
import { ROOT } from '../../model/organization';
import { logicalId } from './logical-id';

export interface OrganizationalUnitTreeProps {
  /** Every OU below the root, parents before children (the desired state's order). */
  readonly organizationalUnits: readonly DesiredOrganizationalUnit[];
  /** Id of the organization's root (`r-xxxx`), usually `organization.roots[0].id`. */
  readonly rootId: string;
}

/**
 * Every OU below the root as aws_organizations_organizational_unit, each child's parent_id a
 * reference to its parent's resource, so Terraform creates the tree top-down. Adopted OUs (with
 * an `id`) get an import block instead of being created.
 */
export class OrganizationalUnitTree extends Construct {
  private readonly resources = new Map<string, OrganizationsOrganizationalUnit>();
  /** One id token per OU, reused (each token costs a stack capture). */
  private readonly ids = new Map<string, string>();

  constructor(scope: Construct, id: string, private readonly props: OrganizationalUnitTreeProps) {
    super(scope, id);
    for (const ou of props.organizationalUnits) {
      const name = logicalId('ou', ou.path.split('/'));
      const resource = new OrganizationsOrganizationalUnit(this, name, {
        name: ou.name,
        parentId: this.idOf(ou.parentPath),
        tags: Object.keys(ou.tags).length ? { ...ou.tags } : undefined,
      });
      resource.overrideLogicalId(name);
      if (ou.adoptedId) resource.importFrom(ou.adoptedId);
      this.resources.set(ou.path, resource);
      this.ids.set(ou.path, resource.id);
    }
  }

  /** The OU's id as a reference (the root id for `Root`). */
  idOf(path: string): string {
    if (path === ROOT) return this.props.rootId;
    const id = this.ids.get(path);
    if (!id) throw new Error(`lzkit: OU '${path}' is not in the tree before its children (validation should have caught this)`);
    return id;
  }

  /** OU paths in declaration order (parents before children). */
  get paths(): string[] {
    return [...this.resources.keys()];
  }
}
