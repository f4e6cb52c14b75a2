/** Languages a campaign (and a supporter's interface) can be in. */
export const LANGUAGES = ["en", "fr", "es"] as const;
export type Language = (typeof LANGUAGES)[number];
