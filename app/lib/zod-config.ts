import { z } from "zod";

// zod compiles fast object parsers with `new Function` when it may; the Content-Security-Policy
// allows no eval, and zod's probe for it (made when a z.object is built) is reported as a
// violation even though zod catches it. Imported first by root.tsx, whose module the browser
// evaluates before any other route's (and so before any schema), and by both entries.
z.config({ jitless: true });
