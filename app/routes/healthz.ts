// Health for operators and load balancers: database, Meilisearch and the search outbox backlog, each with a
// Japanese reason. 200 when the database answers (`degraded` when search is down or its sync has fallen
// behind: the site still serves); 503 when the database does not.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getHealth } from '~/models/health.server'

export async function loader({ context }: LoaderFunctionArgs) {
  const health = await getHealth(context.services)
  // A resource route answers with a plain Response (raw data from a resource route is deprecated in Remix).
  return Response.json(health, {
    status: health.status === 'down' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  })
}
