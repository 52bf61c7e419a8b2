# What a typed value may hold (domain::text, domain::date_bounds) and sign-in throttling.

text-one-line = Keep this on one line: line breaks, tabs and other control characters are not allowed here.
text-control-character = Remove the invisible control characters (such as NUL) from this text.
text-bidi-control = Remove the hidden characters that change the direction of the text.
text-invisible = Only invisible characters here: type something visible or leave the field empty.
date-out-of-range = Choose a date from { $first } to { $last }.

login-locked-here = Too many failed attempts from this address. Sign-in here is locked; try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, or set a new password through “Forgot your password?”.
password-forgot-link = Forgot your password?
password-forgot-title = Set a new password
password-forgot-intro = Type the email you sign in with. If it belongs to an account, we will send a link to set a new password. The link works for an hour; the new password also lifts a sign-in lock.
password-forgot-submit = Send the link
password-forgot-back = Back to sign-in
password-forgot-sent = If { $email } belongs to an account, a link to set a new password is on its way. Check your inbox.
password-forgot-too-many = Too many requests from this address. Try again in an hour.
outbox-kind-password_reset = password reset
