// The explicit migration registry: bundlers cannot see a folder scan, and the order must be reviewable.
// Add new migrations at the end with `npm run db:migration:create -- <name>`.
import type { Migration } from 'kysely'
import * as m20261123T183000000Z from './20261123T183000000Z-create-local-government'
import * as m20261123T183100000Z from './20261123T183100000Z-create-search-outbox'
import * as m20261123T190500000Z from './20261123T190500000Z-create-accounts'
import * as m20261123T192500000Z from './20261123T192500000Z-create-skill-standard'
import * as m20261123T195000000Z from './20261123T195000000Z-create-profiles'
import * as m20261123T200500000Z from './20261123T200500000Z-create-pools'
import * as m20261123T202000000Z from './20261123T202000000Z-create-partner-companies'
import * as m20261123T202500000Z from './20261123T202500000Z-add-pool-direct-members'
import * as m20261123T210000000Z from './20261123T210000000Z-create-needs'
import * as m20261123T214000000Z from './20261123T214000000Z-pool-invitations-and-national-list'
import * as m20261123T214500000Z from './20261123T214500000Z-pool-member-after-account-deletion'
import * as m20261130T175049576Z from './20261130T175049576Z-account-abuse-limits'
import * as m20261201T090000000Z from './20261201T090000000Z-pool-member-copied-from-national-list'
import * as m20261201T100000000Z from './20261201T100000000Z-match-saved-searches-and-shortlist'
import * as m20261201T110000000Z from './20261201T110000000Z-shortlist-interview-place-and-one-offer'
import * as m20261201T120000000Z from './20261201T120000000Z-create-placements-and-funding'
import * as m20261201T130000000Z from './20261201T130000000Z-profile-fitting-needs-digest'
import * as m20261202T080000000Z from './20261202T080000000Z-audit-actions-snake-case'
import * as m20261202T090000000Z from './20261202T090000000Z-create-accelerator-appointments'
import * as m20261202T100000000Z from './20261202T100000000Z-mail-outbox-prefecture-index'
import * as m20261202T110000000Z from './20261202T110000000Z-list-order-indexes'
import * as m20261203T120000000Z from './20261203T120000000Z-profile-search-reading'

export const migrations: Record<string, Migration> = {
  '20261123T183000000Z-create-local-government': m20261123T183000000Z,
  '20261123T183100000Z-create-search-outbox': m20261123T183100000Z,
  '20261123T190500000Z-create-accounts': m20261123T190500000Z,
  '20261123T192500000Z-create-skill-standard': m20261123T192500000Z,
  '20261123T195000000Z-create-profiles': m20261123T195000000Z,
  '20261123T200500000Z-create-pools': m20261123T200500000Z,
  '20261123T202000000Z-create-partner-companies': m20261123T202000000Z,
  '20261123T202500000Z-add-pool-direct-members': m20261123T202500000Z,
  '20261123T210000000Z-create-needs': m20261123T210000000Z,
  '20261123T214000000Z-pool-invitations-and-national-list': m20261123T214000000Z,
  '20261123T214500000Z-pool-member-after-account-deletion': m20261123T214500000Z,
  '20261130T175049576Z-account-abuse-limits': m20261130T175049576Z,
  '20261201T090000000Z-pool-member-copied-from-national-list': m20261201T090000000Z,
  '20261201T100000000Z-match-saved-searches-and-shortlist': m20261201T100000000Z,
  '20261201T110000000Z-shortlist-interview-place-and-one-offer': m20261201T110000000Z,
  '20261201T120000000Z-create-placements-and-funding': m20261201T120000000Z,
  '20261201T130000000Z-profile-fitting-needs-digest': m20261201T130000000Z,
  '20261202T080000000Z-audit-actions-snake-case': m20261202T080000000Z,
  '20261202T090000000Z-create-accelerator-appointments': m20261202T090000000Z,
  '20261202T100000000Z-mail-outbox-prefecture-index': m20261202T100000000Z,
  '20261202T110000000Z-list-order-indexes': m20261202T110000000Z,
  '20261203T120000000Z-profile-search-reading': m20261203T120000000Z,
}
