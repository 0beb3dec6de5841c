import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { logout } from '~/utils/auth.server'

export async function loader() {
  // Logging out changes state, so it is a POST (a link or prefetch must never log anyone out).
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  return logout(request, context, '/login')
}
