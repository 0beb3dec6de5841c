// Any URL no other route matches: a 404 rendered inside the normal layout (so a signed-in user keeps their
// header), with the Japanese message instead of the router's English one.
import type { MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { pageTitle } from '~/utils/page-title'

export function loader() {
  throw new Response('お探しのページは存在しないか、移動した可能性があります。URLをご確認ください。', { status: 404 })
}

export function action() {
  throw new Response('お探しのページは存在しないか、移動した可能性があります。', { status: 404 })
}

export default function NotFound() {
  return null
}

export const meta: MetaFunction = () => [{ title: pageTitle('ページが見つかりません') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
