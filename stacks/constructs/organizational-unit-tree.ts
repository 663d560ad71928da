import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import { Construct } from 'constructs';
import type { OrganizationalUnit } from '../../model';
import { logicalId } from './logical-id';

export interface OrganizationalUnitTreeProps {
  /** The root of the declared tree (`lz.root`); the root itself is not a resource. */
  readonly root: OrganizationalUnit;
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
    const add = (ou: OrganizationalUnit, parentId: string): void => {
      const resource = new OrganizationsOrganizationalUnit(this, logicalId('ou', ou.path.split('/')), {
        name: ou.name,
        parentId,
        tags: Object.keys(ou.tags).length ? { ...ou.tags } : undefined,
      });
      resource.overrideLogicalId(logicalId('ou', ou.path.split('/')));
      if (ou.id) resource.importFrom(ou.id);
      this.resources.set(ou.path, resource);
      this.ids.set(ou.path, resource.id);
      for (const child of ou.children) add(child, this.ids.get(ou.path)!);
    };
    for (const top of props.root.children) add(top, props.rootId);
  }

  /** The OU's id as a reference (the root id for `Root`). */
  idOf(path: string): string {
    if (path === this.props.root.path) return this.props.rootId;
    const id = this.ids.get(path);
    if (!id) throw new Error(`lzkit: OU '${path}' is not in the tree (validation should have caught this)`);
    return id;
  }

  /** OU paths in declaration order (parents before children). */
  get paths(): string[] {
    return [...this.resources.keys()];
  }
}
