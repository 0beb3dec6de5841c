// Reads the one uploaded file of the import form into memory, refusing anything over the limit while it
// streams in (Remix's memory upload handler), so a huge upload never sits in memory whole.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'

export type Upload = { status: 'ok'; bytes: Uint8Array; filename: string } | { status: 'error'; message: string }

export async function readUpload(request: Request, field: string, maxBytes: number): Promise<Upload> {
  const tooLarge = `ファイルが大きすぎます。${maxBytes / 1024 / 1024}MBまでのファイルを選んでください。`
  // Refuse early when the browser already says the body is far too large.
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes + 64 * 1024)
    return { status: 'error', message: tooLarge }
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes, filter: ({ name }) => name === field }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { status: 'error', message: tooLarge }
    // Not a multipart body at all (the form was sent without its file), or a broken one (a cut-off upload,
    // a part without a name): the parser throws, and that is the sender's mistake, not a server error.
    if (error instanceof TypeError) return { status: 'error', message: 'ファイルを選んでください。' }
    return {
      status: 'error',
      message: 'ファイルを読み取れませんでした。ファイルを選び直して、もう一度送信してください。',
    }
  }
  const file = formData.get(field)
  if (!file || typeof file === 'string' || file.name === '')
    return { status: 'error', message: 'ファイルを選んでください。' }
  if (file.size === 0) return { status: 'error', message: 'ファイルが空です。' }
  return { status: 'ok', bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name }
}
