// Roles and permissions as typed strings (GUIDE rule 2). Checked on the server by
// requireUserWithPermission; the browser uses userHasPermission only to hide what a user cannot do.
import type { Role } from '../../db/schema'

export type { Role }

export const ROLE_LABELS: Record<Role, string> = {
  professional: 'デジタル人材',
  municipal_staff: '市区町村職員',
  prefecture_staff: '都道府県職員',
  prefecture_admin: '都道府県管理者',
  ministry_staff: '総務省・デジタル庁職員',
  ministry_admin: '総務省・デジタル庁管理者',
}

/** `action:entity:scope`. `own-prefecture` = rows of the user's prefecture; `any` = national. */
export type Permission =
  | 'read:user:own-prefecture'
  | 'read:user:any'
  | 'invite:user:own-prefecture'
  | 'invite:user:any'
  | 'deactivate:user:own-prefecture'
  | 'deactivate:user:any'
  | 'read:audit:own-prefecture'
  | 'read:audit:any'
  | 'read:mail:own-prefecture'
  | 'read:mail:any'
  | 'update:skill-standard:any'
  /** 検索インデックスの再構築（運用） */
  | 'manage:search:any'
  | 'read:pool:own-prefecture'
  | 'read:pool:any'
  | 'update:pool:own-prefecture'
  /** 国の外部人材リスト: prefectures see registered people who consented; the ministry runs the list. */
  | 'read:national-list:consented'
  | 'read:national-list:any'
  | 'update:national-list:any'
  | 'read:partner:any'
  | 'update:partner:any'
  | 'create:issue:own-municipality'
  | 'read:issue:own-municipality'
  | 'read:issue:own-prefecture'
  | 'update:issue:own-prefecture'
  | 'read:issue:any'
  | 'read:need:own-prefecture'
  | 'update:need:own-prefecture'
  | 'read:need:any'
  /** 配置: a prefecture reads every placement in it and manages its own body's; a municipality its own. */
  | 'read:placement:own-prefecture'
  | 'update:placement:own-prefecture'
  | 'read:placement:own-municipality'
  | 'update:placement:own-municipality'
  | 'read:placement:any'
  /** 財政措置: the ministry settles 要確認 results and edits the rules (new versions). */
  | 'decide:funding:any'
  | 'update:funding-rule:any'
  /** 任命: a prefecture nominates its registered pool members; the ministry reviews and appoints. */
  | 'read:appointment:own-prefecture'
  | 'nominate:appointment:own-prefecture'
  | 'read:appointment:any'
  | 'decide:appointment:any'
  /** The 500 dashboard: a prefecture sees its own slice, the ministry the nation. */
  | 'read:dashboard:own-prefecture'
  | 'read:dashboard:any'
  /** 推進体制 ①〜④: a prefecture reports, the ministry confirms or returns. */
  | 'report:dx-structure:own-prefecture'
  | 'confirm:dx-structure:any'
  /** Notices from the ministry to appointed accelerators. */
  | 'publish:accelerator-notice:any'

const PERMISSIONS: Record<Role, readonly Permission[]> = {
  professional: [],
  municipal_staff: [
    'create:issue:own-municipality',
    'read:issue:own-municipality',
    'read:placement:own-municipality',
    'update:placement:own-municipality',
  ],
  prefecture_staff: [
    'read:appointment:own-prefecture',
    'nominate:appointment:own-prefecture',
    'read:dashboard:own-prefecture',
    'report:dx-structure:own-prefecture',
    'read:issue:own-prefecture',
    'update:issue:own-prefecture',
    'read:need:own-prefecture',
    'update:need:own-prefecture',
    'read:placement:own-prefecture',
    'update:placement:own-prefecture',
    'read:pool:own-prefecture',
    'update:pool:own-prefecture',
    'read:national-list:consented',
    'read:partner:any',
  ],
  prefecture_admin: [
    'read:appointment:own-prefecture',
    'nominate:appointment:own-prefecture',
    'read:dashboard:own-prefecture',
    'report:dx-structure:own-prefecture',
    'read:issue:own-prefecture',
    'update:issue:own-prefecture',
    'read:need:own-prefecture',
    'update:need:own-prefecture',
    'read:placement:own-prefecture',
    'update:placement:own-prefecture',
    'read:partner:any',
    'read:pool:own-prefecture',
    'update:pool:own-prefecture',
    'read:national-list:consented',
    'read:user:own-prefecture',
    'invite:user:own-prefecture',
    'deactivate:user:own-prefecture',
    'read:audit:own-prefecture',
    'read:mail:own-prefecture',
  ],
  ministry_staff: [
    'read:appointment:any',
    'decide:appointment:any',
    'read:dashboard:any',
    'confirm:dx-structure:any',
    'publish:accelerator-notice:any',
    'read:issue:any',
    'read:need:any',
    'read:placement:any',
    'decide:funding:any',
    'update:funding-rule:any',
    'update:skill-standard:any',
    'read:pool:any',
    'read:national-list:any',
    'update:national-list:any',
    'read:partner:any',
    'update:partner:any',
  ],
  ministry_admin: [
    'read:appointment:any',
    'decide:appointment:any',
    'read:dashboard:any',
    'confirm:dx-structure:any',
    'publish:accelerator-notice:any',
    'read:issue:any',
    'read:need:any',
    'read:placement:any',
    'decide:funding:any',
    'update:funding-rule:any',
    'read:partner:any',
    'update:partner:any',
    'read:pool:any',
    'read:national-list:any',
    'update:national-list:any',
    'read:user:any',
    'invite:user:any',
    'deactivate:user:any',
    'read:audit:any',
    'read:mail:any',
    'update:skill-standard:any',
    'manage:search:any',
  ],
}

/** Who reads placements: a prefecture's staff, a municipality's (each their own), the ministry (via `any`). */
export const PLACEMENT_READ_PERMISSIONS = [
  'read:placement:own-prefecture',
  'read:placement:own-municipality',
] as const satisfies readonly [Permission, ...Permission[]]
/** Who records placements: a prefecture's staff (its own body's) and a municipality's (its own). */
export const PLACEMENT_UPDATE_PERMISSIONS = [
  'update:placement:own-prefecture',
  'update:placement:own-municipality',
] as const satisfies readonly [Permission, ...Permission[]]

/** True when the role holds the permission, or its national (`any`) form. */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  const granted = PERMISSIONS[role]
  if (granted.includes(permission)) return true
  const [action, entity] = permission.split(':')
  return granted.includes(`${action}:${entity}:any` as Permission)
}

export function userHasPermission(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return user ? roleHasPermission(user.role, permission) : false
}

/**
 * Who may invite whom. Ministry admins: other ministry users and prefecture admins (and, nationally,
 * any staff); prefecture admins: their own prefecture's staff and its municipalities' staff.
 */
export const INVITABLE_ROLES: Record<Role, readonly Role[]> = {
  professional: [],
  municipal_staff: [],
  prefecture_staff: [],
  prefecture_admin: ['prefecture_staff', 'municipal_staff'],
  ministry_staff: [],
  ministry_admin: ['ministry_admin', 'ministry_staff', 'prefecture_admin', 'prefecture_staff', 'municipal_staff'],
}
