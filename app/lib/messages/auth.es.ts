import type { authMessages } from "./auth";

/** Organizer account messages in Spanish. Keys missing here fall back to English. */
export const authMessagesEs: Partial<Record<keyof typeof authMessages, string>> = {
  "auth.account.setPasswordPrompt":
    "¡Bienvenida/o! Tu cuenta aún no tiene contraseña: elige una ahora para entrar sin un enlace por correo.",
  "auth.account.setPasswordLink": "Elegir una contraseña",
};
