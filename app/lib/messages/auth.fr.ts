import type { authMessages } from "./auth";

/** Organizer account messages in French. Keys missing here fall back to English. */
export const authMessagesFr: Partial<Record<keyof typeof authMessages, string>> = {
  "auth.account.setPasswordPrompt":
    "Bienvenue ! Votre compte n’a pas encore de mot de passe : choisissez-en un maintenant pour vous connecter sans lien par e-mail.",
  "auth.account.setPasswordLink": "Choisir un mot de passe",
  "auth.errors.throttled": "Trop de tentatives de connexion depuis cet appareil. Réessayez dans {max, plural, one {# minute} many {# minutes} other {# minutes}}, ou demandez un lien de connexion par e-mail.",
  "auth.errors.linkThrottled": "Trop de liens demandés depuis cet appareil. Réessayez dans {max, plural, one {# minute} many {# minutes} other {# minutes}}.",
};
