import type { authMessages } from "./auth";

/** Organizer account messages in French. Keys missing here fall back to English. */
export const authMessagesFr: Partial<Record<keyof typeof authMessages, string>> = {
  "auth.account.setPasswordPrompt":
    "Bienvenue ! Votre compte n’a pas encore de mot de passe : choisissez-en un maintenant pour vous connecter sans lien par e-mail.",
  "auth.account.setPasswordLink": "Choisir un mot de passe",
  "auth.errors.throttled.one": "Trop de tentatives de connexion depuis cet appareil. Réessayez dans {max} minute, ou demandez un lien de connexion par e-mail.",
  "auth.errors.throttled.other": "Trop de tentatives de connexion depuis cet appareil. Réessayez dans {max} minutes, ou demandez un lien de connexion par e-mail.",
  "auth.errors.linkThrottled.one": "Trop de liens demandés depuis cet appareil. Réessayez dans {max} minute.",
  "auth.errors.linkThrottled.other": "Trop de liens demandés depuis cet appareil. Réessayez dans {max} minutes.",
};
