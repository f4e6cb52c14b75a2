import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the page being rendered on the server, for the inline
 * scripts Remix and React write (server/security-headers.ts makes it). In the browser it is empty:
 * browsers hide a nonce from the page, and React does not compare it while hydrating.
 */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
