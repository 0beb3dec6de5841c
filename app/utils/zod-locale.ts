// zod speaks Japanese everywhere: the messages a schema does not set itself (types, lengths, formats) come
// from zod's Japanese locale. Imported by the shared field schemas and by the root route, so it is set in
// the server and the browser bundle before any form is parsed.
import { z } from 'zod'

z.config(z.locales.ja())
