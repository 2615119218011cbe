## The web pages.

web-skip-to-content = Skip to content
web-footer = Puente · Pro bono legal support for migrant shelters
web-sign-in-title = Sign in
web-sign-in = Sign in
web-sign-out = Sign out
web-email = E-mail
web-password = Password
web-error-summary = There is a problem
web-error-credentials = The e-mail or the password is not correct.
web-error-too-many = Too many attempts. Wait a few minutes and try again.
web-error-csrf = The form expired. Send it again.
web-my-cases = My cases
web-no-cases = There are no cases yet.
web-refused-title = This could not be done
web-back-home = Back to the start
