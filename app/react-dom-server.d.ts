// react-dom ships the web-streams renderer as `react-dom/server.browser`; its types are those of `react-dom/server`.
declare module 'react-dom/server.browser' {
  export {
    renderToReadableStream,
    type ReactDOMServerReadableStream,
    type RenderToReadableStreamOptions,
  } from 'react-dom/server'
}
