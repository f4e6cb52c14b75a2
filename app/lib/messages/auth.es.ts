import type { authMessages } from "./auth";

/** Organizer account messages in Spanish. Keys missing here fall back to English. */
export const authMessagesEs: Partial<Record<keyof typeof authMessages, string>> = {
  "auth.account.setPasswordPrompt":
    "¡Bienvenida/o! Tu cuenta aún no tiene contraseña: elige una ahora para entrar sin un enlace por correo.",
  "auth.account.setPasswordLink": "Elegir una contraseña",
  "auth.errors.throttled": "Demasiados intentos de inicio de sesión desde aquí. Vuelve a intentarlo en {max, plural, one {# minuto} many {# minutos} other {# minutos}}, o pide un enlace de acceso por correo.",
  "auth.errors.linkThrottled": "Demasiados enlaces pedidos desde aquí. Vuelve a intentarlo en {max, plural, one {# minuto} many {# minutos} other {# minutos}}.",
};
