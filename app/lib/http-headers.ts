import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers`: Remix builds a page's response from this, not from the action's own
 * headers, so a 429's Retry-After must be passed on here or the browser never sees it.
 */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
