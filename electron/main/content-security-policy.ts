/**
 * The app page's Content Security Policy. renderer/index.html carries the same policy in a meta tag (minus
 * frame-ancestors, which browsers ignore there) because Electron does not run webRequest hooks for file://
 * pages; the header below covers every page the session does fetch.
 *
 * - 'wasm-unsafe-eval': wasm must be allowed wherever a page compiles it (docs/toolchain.md).
 * - No 'unsafe-inline' for styles: the built CSS is a file ('self'), and React's `style={...}` props set
 *   element.style through the CSSOM, which CSP does not restrict. Only literal <style> tags and style="..."
 *   attributes in markup would need it; add it back only with a reason written here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
