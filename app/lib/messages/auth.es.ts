import type { authMessages } from "./auth";

/** Organizer account messages in Spanish. Keys missing here fall back to English. */
export const authMessagesEs: Partial<Record<keyof typeof authMessages, string>> = {
  "auth.account.setPasswordPrompt":
    "¡Bienvenida/o! Tu cuenta aún no tiene contraseña: elige una ahora para entrar sin un enlace por correo.",
  "auth.account.setPasswordLink": "Elegir una contraseña",
  "auth.errors.throttled.one": "Demasiados intentos de inicio de sesión desde aquí. Vuelve a intentarlo en {max} minuto, o pide un enlace de acceso por correo.",
  "auth.errors.throttled.other": "Demasiados intentos de inicio de sesión desde aquí. Vuelve a intentarlo en {max} minutos, o pide un enlace de acceso por correo.",
  "auth.errors.linkThrottled.one": "Demasiados enlaces pedidos desde aquí. Vuelve a intentarlo en {max} minuto.",
  "auth.errors.linkThrottled.other": "Demasiados enlaces pedidos desde aquí. Vuelve a intentarlo en {max} minutos.",
};
