## The web pages.

web-skip-to-content = Ir al contenido
web-footer = Puente · Programa de apoyo legal pro bono para albergues de personas migrantes
web-sign-in-title = Iniciar sesión
web-sign-in = Entrar
web-sign-out = Salir
web-email = Correo electrónico
web-password = Contraseña
web-error-summary = Hay un problema
web-error-credentials = El correo o la contraseña no son correctos.
web-error-too-many = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
web-error-csrf = El formulario caducó. Vuelve a enviarlo.
web-my-cases = Mis casos
web-no-cases = Todavía no hay casos.
web-refused-title = No se pudo completar
web-back-home = Volver al inicio
