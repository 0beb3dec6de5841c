// The Content-Security-Policy nonce of the current document. The server renders it into every inline script
// Remix writes; in the browser the attribute value is hidden (by design), so the client context is empty.
import { createContext, useContext } from 'react'

const NonceContext = createContext('')

export const NonceProvider = NonceContext.Provider

export function useNonce(): string {
  return useContext(NonceContext)
}
