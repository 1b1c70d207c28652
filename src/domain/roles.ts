/** Roles of API keys and users; later issues add more. */
export const ROLES = ['admin', 'operator', 'ingest', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a caller may do. Each service verb asks for exactly one permission. */
export const PERMISSIONS = ['ingest', 'read', 'configure', 'manage_keys', 'audit'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['ingest', 'read', 'configure', 'manage_keys', 'audit'],
  operator: ['ingest', 'read', 'configure', 'audit'],
  ingest: ['ingest'],
  viewer: ['read'],
};

export function canRole(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
