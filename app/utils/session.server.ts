// All session code lives in this one module (docs/decisions/004-sessions.md): lucia v3 with a small Kysely
// adapter, sessions as rows in Postgres, the cookie holding only the session id. Upstream froze lucia v3
// in March 2025 and now publishes the same design as a guide; moving to it is a change to this file only
// (same table, same cookie).
import { type Adapter, Cookie, type DatabaseSession, type DatabaseUser, Lucia, TimeSpan } from 'lucia'
import { type Kysely, sql } from 'kysely'
import type { DB, Role } from '../../db/schema'

/** Idle expiry: a session unused this long ends (lucia slides it forward while it is used). */
export const SESSION_IDLE = new TimeSpan(2, 'h')
/** Absolute expiry: however active, a session ends this long after login (one working day). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
export const SESSION_COOKIE_NAME = 'dxp_session'

export interface SessionAttributes {
  absolute_expires_at: Date
  created_at: Date
  ip: string | null
  user_agent: string | null
}

export interface UserAttributes {
  email: string
  email_verified_at: Date | null
  display_name: string
  role: Role
  prefecture_code: string | null
  municipality_code: string | null
  deactivated_at: Date | null
}

/** The user facts a session carries, picked from a row that holds more (never the password hash). */
export function userAttributesOf(row: UserAttributes): UserAttributes {
  return {
    email: row.email,
    email_verified_at: row.email_verified_at,
    display_name: row.display_name,
    role: row.role,
    prefecture_code: row.prefecture_code,
    municipality_code: row.municipality_code,
    deactivated_at: row.deactivated_at,
  }
}

class KyselyLuciaAdapter implements Adapter {
  constructor(private readonly db: Kysely<DB>) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom('user_session')
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .select([
        'user_session.id as session_id',
        'user_session.user_id',
        'user_session.expires_at',
        'user_session.absolute_expires_at',
        'user_session.created_at as session_created_at',
        'user_session.ip',
        'user_session.user_agent',
        'app_user.email',
        'app_user.email_verified_at',
        'app_user.display_name',
        'app_user.role',
        'app_user.prefecture_code',
        'app_user.municipality_code',
        'app_user.deactivated_at',
      ])
      .where('user_session.id', '=', sessionId)
      .executeTakeFirst()
    if (!row) return [null, null]
    return [
      {
        id: row.session_id,
        userId: row.user_id,
        expiresAt: new Date(row.expires_at),
        attributes: {
          absolute_expires_at: new Date(row.absolute_expires_at),
          created_at: new Date(row.session_created_at),
          ip: row.ip,
          user_agent: row.user_agent,
        },
      },
      { id: row.user_id, attributes: userAttributesOf(row) },
    ]
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db
      .selectFrom('user_session')
      .select(['id', 'user_id', 'expires_at', 'absolute_expires_at', 'created_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: {
        absolute_expires_at: new Date(row.absolute_expires_at),
        created_at: new Date(row.created_at),
        ip: row.ip,
        user_agent: row.user_agent,
      },
    }))
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto('user_session')
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt,
        absolute_expires_at: session.attributes.absolute_expires_at,
        ip: session.attributes.ip,
        user_agent: session.attributes.user_agent,
      })
      .execute()
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable('user_session').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute()
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('user_session').where('id', '=', sessionId).execute()
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('user_session').where('user_id', '=', userId).execute()
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db
      .deleteFrom('user_session')
      .where((eb) =>
        eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('absolute_expires_at', '<=', sql<Date>`now()`)]),
      )
      .execute()
  }
}

export function createLucia(db: Kysely<DB>, { secureCookies }: { secureCookies: boolean }) {
  return new Lucia(new KyselyLuciaAdapter(db), {
    sessionExpiresIn: SESSION_IDLE,
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      // lucia turns `expires: false` into a 400-day Max-Age; sessionCookie() below drops it, so the cookie
      // really is a browser-session cookie.
      expires: false,
      attributes: { secure: secureCookies, sameSite: 'lax', path: '/' },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => attributes,
  })
}

export type Auth = ReturnType<typeof createLucia>

declare module 'lucia' {
  interface Register {
    Lucia: Auth
    DatabaseSessionAttributes: SessionAttributes
    DatabaseUserAttributes: UserAttributes
  }
}

export interface SessionUser extends UserAttributes {
  id: string
}

export interface CurrentSession {
  user: SessionUser
  sessionId: string
}

/** Validates the request's session cookie: expired (idle or absolute) and deactivated users get nothing. */
export async function readSession(auth: Auth, request: Request): Promise<CurrentSession | null> {
  const sessionId = auth.readSessionCookie(request.headers.get('Cookie') ?? '')
  if (!sessionId) return null
  const { session, user } = await auth.validateSession(sessionId)
  if (!session || !user) return null
  if (session.absolute_expires_at.getTime() <= Date.now() || user.deactivated_at) {
    await auth.invalidateSession(session.id)
    return null
  }
  return { user, sessionId: session.id }
}

/** Starts a new session (a new id: login always rotates) and returns its Set-Cookie header. */
export async function startSession(
  auth: Auth,
  userId: string,
  { ip, userAgent }: { ip: string | null; userAgent: string | null },
): Promise<{ sessionId: string; cookie: string }> {
  const session = await auth.createSession(userId, {
    absolute_expires_at: new Date(Date.now() + SESSION_ABSOLUTE_MS),
    created_at: new Date(),
    ip,
    user_agent: userAgent ? userAgent.slice(0, 300) : null,
  })
  return { sessionId: session.id, cookie: sessionCookie(auth, session.id) }
}

/**
 * The session cookie, as a browser-session cookie: no Max-Age, no Expires. It never outlives the session
 * in a meaningful way: the server refuses it after 2 h idle or 12 h at most, and closing the browser (a
 * shared office PC) forgets it sooner. A persistent cookie (lucia's default here: 400 days) would sit on
 * the disk long after the session ended.
 */
export function sessionCookie(auth: Auth, sessionId: string): string {
  const cookie = auth.createSessionCookie(sessionId)
  const { maxAge: _maxAge, expires: _expires, ...attributes } = cookie.attributes
  return new Cookie(cookie.name, cookie.value, attributes).serialize()
}

export function blankSessionCookie(auth: Auth): string {
  return auth.createBlankSessionCookie().serialize()
}
