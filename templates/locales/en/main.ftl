app-name = Hireloop
footer-text = Hireloop — hiring and growing account managers
nav-skip = Skip to content
nav-label = Main
nav-dashboard = Dashboard
nav-users = Users
nav-profile = Profile
nav-logout = Sign out
lang-switch-to = Русский

role-admin = Admin
role-recruiter = Recruiter
role-hiring_manager = Hiring manager
role-ceo = CEO
role-interviewer = Interviewer
role-mentor = Mentor
role-intern = Intern

grade-intern = Intern
grade-junior = Junior
grade-middle = Middle
grade-senior = Senior
grade-group_head = Group head
grade-director = Director

stage-long_list = Long-list
stage-short_list = Short-list
stage-references = References
stage-ceo_interview = CEO interview
stage-offer = Offer
stage-hired = Hired
stage-started = Started
stage-rejected = Rejected
stage-withdrawn = Withdrawn

position-status-draft = Draft
position-status-open = Open
position-status-on_hold = On hold
position-status-filled = Filled
position-status-cancelled = Cancelled

login-title = Sign in
login-intro = Use the email and password your administrator gave you.
login-email = Email
login-password = Password
login-submit = Sign in
login-invalid = Wrong email or password.
login-attempts-left = Wrong email or password. { $count ->
    [one] { $count } attempt left
   *[other] { $count } attempts left
} before sign-in is locked for a while.
login-locked = Too many failed attempts. Sign-in is locked; try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
login-welcome = Welcome, { $name }!
logout-done = You have signed out.

profile-title = Your profile
profile-details = Details
profile-name = Name
profile-email = Email
profile-role = Role
profile-lang = Language
profile-save = Save
profile-saved = Profile saved.
password-title = Change password
password-current = Current password
password-new = New password
password-confirm = Repeat the new password
password-hint = At least 10 characters.
password-submit = Change password
password-changed = Password changed.
tokens-title = API tokens
tokens-intro = Tokens let scripts and integrations use the Hireloop API on your behalf, with your role's rights. Send a token in the header "Authorization: Bearer <token>".
tokens-name = Token name
tokens-name-hint = For example, "1C export".
tokens-create = Create token
tokens-new-once = Your new token is below. Copy it now: it will not be shown again.
tokens-empty = You have no API tokens yet.
tokens-created-at = Created
tokens-actions = Actions
tokens-revoke = Revoke
tokens-revoke-confirm = Revoke this token? Integrations using it will stop working.
token-revoked = Token revoked.

users-title = Users
users-add = Add a user
users-name = Name
users-email = Email
users-role = Role
users-password = Initial password
users-lang = Language
users-access = Access
users-active = Active
users-save = Save
users-create-submit = Add user
user-created = { $name } can now sign in.
user-updated = { $name }: access updated.
admin-cannot-demote-self = You cannot take away your own admin role or deactivate yourself; ask another admin.

dashboard-title = Dashboard
dashboard-greeting = Hello, { $name }
dashboard-positions = Positions in progress
dashboard-col-position = Position
dashboard-col-target = Target date
dashboard-empty = No open positions. When a position opens, its candidates by stage appear here.
dashboard-hint-admin = Nothing needs you right now.
dashboard-hint-recruiter = Nothing needs you right now.
dashboard-hint-hiring_manager = Nothing needs you right now.
dashboard-hint-ceo = Nothing needs you right now.
dashboard-hint-interviewer = Interviews assigned to you will appear here, with the kit to score them.
dashboard-hint-mentor = Your interns and the items waiting for your sign-off are on the Interns page.
dashboard-hint-intern = Your plan week by week, what is due and your exam dates are on your internship page.

pagination-label = Pages
pagination-prev = Previous
pagination-next = Next
pagination-page = Page { $page } of { $pages }

field-required = Fill this in.
field-email-invalid = Enter an email address like name@agency.ru.
field-email-taken = A user with this email already exists.
field-role-invalid = Choose one of the roles.
field-password-short = The password must have at least { $min ->
    [one] { $min } character
   *[other] { $min } characters
}.
field-password-wrong = This is not your current password.
field-password-mismatch = The passwords do not match.
field-too-long = At most { $max ->
    [one] { $max } character
   *[other] { $max } characters
}.
field-lang-invalid = Choose Russian or English.

error-csrf = The form has expired or came from another site. Go back, reload the page and try again.
error-validation = Some fields need correcting.
error-malformed-json = The request body is not valid JSON: { $detail }
error-json-shape = The request body does not have the expected fields: { $detail }
error-back-home = Back to the dashboard
error-title-400 = The request could not be read
error-detail-400 = Something in the request was malformed.
error-title-403 = Not allowed
error-detail-403 = Your role does not allow this. Ask an admin if you need access.
error-title-404 = Page not found
error-detail-404 = There is nothing at this address. It may have been moved or deleted.
error-title-405 = Not allowed here
error-detail-405 = This address does not accept this kind of request.
error-title-409 = Conflict
error-detail-409 = This cannot be done in the current state.
error-title-413 = Too large
error-detail-413 = What you sent is larger than this site accepts.
error-title-415 = Unsupported format
error-detail-415 = Send the data in a format this site accepts.
error-title-422 = Check the data
error-detail-422 = Some fields need correcting.
error-title-429 = Too many attempts
error-detail-429 = Wait a little and try again.
error-title-500 = Something went wrong
error-detail-500 = The error has been logged. Try again in a minute; if it persists, tell your administrator.
error-title-502 = A connected service did not answer as expected
error-detail-502 = The service the app works through (such as hh.ru) refused or failed. Nothing was changed here; try again later.

grades-title = Grades and salary bands
grades-bands = Salary bands
grades-intro = The gross monthly salary offered at each grade. An offer outside the band needs a written exception.
grades-grade = Grade
grades-min = From
grades-max = To
grades-currency = Currency
grades-field-salary_min = from
grades-field-salary_max = to
grades-field-currency = currency
grades-save = Save
grade-band-saved = Salary band for { $grade } saved.
grades-market = Market data
grades-market-source = Source: { $source }, { $region }, { $date }.
grades-market-salary = Expected salary
grades-market-count = CVs
grades-market-under = under { $amount }
market-chart-title = Grade salary bands against CVs by expected salary ({ $source }, { $region })
market-chart-axis = Expected monthly salary, { $currency }
market-chart-cvs = CVs
market-chart-bands = Salary bands
market-chart-survey = { $source } survey
market-chart-thousands = k
nav-grades = Grades
field-salary-positive = Must be more than zero.
field-salary-min-above-max = "From" must not exceed "To".
field-currency-invalid = A three-letter currency code, such as RUB.
field-amount-invalid = Enter a whole number, such as 120000.

field-grade-invalid = Choose one of the grades.
field-reports-to-required = Say who this position reports to, e.g. the Account Director.
field-headcount-range = From 1 to 100 people.
field-position-status-invalid = One of: draft, open, on_hold, filled, cancelled.
position-stale = Someone changed this position while you were editing (it is now at version { $version }). Reload the page and make your change again; nothing was overwritten.
position-status-refused = This is not possible for a position with the status { $status }. Allowed now: { $allowed }.

nav-positions = Positions
positions-title = Positions
positions-new = New position
positions-empty = No positions here yet.
positions-filter-status = Status
positions-filter-all = All
positions-filter-apply = Show
position-profile = Profile
position-title = Title
position-grade = Grade
position-reports-to = Reports to
position-reports-to-hint = Place the role in the org chart: an Account Director, the Commercial Director, the Client Service Director or another named head.
position-headcount = Headcount
position-target-date = Target date
position-company = About the company
position-role = The role and its place
position-duties = Duties
position-requirements = Requirements
position-conditions = Conditions
position-kpis = KPIs
position-save = Save changes
position-create = Create draft
position-created = Draft created. Fill in the profile, then open the position.
position-saved = Position saved.
position-status-label = Status
position-opened-on = Opened
position-filled-on = Filled
position-time-to-fill = Time to fill
position-days = { $calendar ->
    [one] { $calendar } calendar day
   *[other] { $calendar } calendar days
}, { $working ->
    [one] { $working } working day
   *[other] { $working } working days
}
position-action-open = Open
position-action-hold = Put on hold
position-action-cancel = Cancel position
position-cancel-confirm = Cancel this position for good? Everyone still in its search is turned down with a polite letter.
position-status-changed = Position status: { $status }.
field-date-invalid = Enter a date as YYYY-MM-DD.

position-vacancy = Vacancy text
position-vacancy-hint = Generated from the profile and the grade's salary band; it changes as you edit the profile. The other language is available over the API.

# Idempotency-Key on API POSTs
idempotency-key-invalid = The Idempotency-Key header must hold 1 to 255 characters.
idempotency-key-reused = This Idempotency-Key was used for a different request in the last 24 hours. Send a new key for a new request.
idempotency-key-in-flight = A request with this Idempotency-Key is still being answered. Retry in a moment.
