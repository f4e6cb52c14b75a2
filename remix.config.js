/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Reload the dev server when the schema or the email templates change.
  watchPaths: ["./db/**/*.ts", "./emails/**/*.tsx"],
  // Every v3 flag on, so the move to React Router 7 stays an upgrade, not a rewrite.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
