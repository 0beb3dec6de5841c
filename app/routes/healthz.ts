// Health for operators and load balancers: database, Meilisearch and the search outbox backlog.
// 200 when the database answers (search down = degraded, the site still serves); 503 when it does not.
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { getHealth } from '~/models/health.server'

export async function loader({ context }: LoaderFunctionArgs) {
  const health = await getHealth(context.services)
  return data(health, {
    status: health.status === 'down' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  })
}
