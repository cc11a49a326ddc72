// whatwg-fetch ships no types: the parts the React Native test uses. React Native's fetch, Headers,
// Request and Response are this polyfill's, over the platform's XMLHttpRequest.
declare module 'whatwg-fetch' {
  export const fetch: typeof globalThis.fetch;
  export const Headers: typeof globalThis.Headers;
  export const Request: typeof globalThis.Request;
  export const Response: typeof globalThis.Response;
}
