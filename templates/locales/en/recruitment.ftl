nav-applications = Pipeline
nav-candidates = Candidates
nav-reasons = Reasons

source-job_board = Job board
source-job_page = Our job page
source-referral = Referral
source-cold_search = Cold search
source-agency = Agency
source-other = Other

candidates-title = Candidates
candidates-new = Add a candidate
candidates-search = Search
candidates-search-hint = Name, email, phone or company.
candidates-search-submit = Search
candidates-found = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
candidates-found-more = More than { $count ->
    [one] { $count } person
   *[other] { $count } people
}: add a word, a company or a tag to narrow the search
candidates-only-pool = Only the talent pool
candidates-empty = Nobody matches. Try fewer words, or add the person.
candidate-name = Full name
candidate-email = Email
candidate-phone = Phone
candidate-current = Now
candidate-current-title = Current title
candidate-current-company = Current company
candidate-expected-salary = Expected salary
candidate-links = Links (CV on a job board, LinkedIn, portfolio)
candidate-tags = Tags
candidate-tags-hint = Comma-separated, e.g. b2b, seo.
candidate-notes = Notes
candidate-contacts = Contacts
candidate-talent-pool = Talent pool
candidate-talent-pool-keep = Keep in the talent pool for later positions
candidate-reference-consent = The candidate allows us to contact their referees
candidate-save = Save
candidate-saved = Candidate saved.
candidate-create = Add candidate
candidate-created = Candidate added.
candidate-add-to-position = Put on a position
candidate-no-position = Not now
candidate-add-submit = Add to the long-list
candidate-consent-confirm = The candidate agreed to the processing of their personal data (I confirm the basis).
candidate-duplicate = { $name } (#{ $id }) already has this email or phone. Open their card and put them on the position instead of adding them a second time.
candidate-duplicate-title = This person is already here
candidate-duplicate-text = Someone with this email or phone exists. Link them to the position instead of creating a second card.
candidate-duplicate-link = Put them on this position
candidate-duplicate-open = Open their card
candidate-erased = This candidate's personal data has been erased.
candidate-erased-note = Personal data erased on { $date }. The record stays for statistics.
candidate-erased-done = Personal data erased; statistics are kept.
candidate-erase = Erase personal data
candidate-erase-confirm = Erase this person's contacts, CV and notes for good? Applications stay, anonymous.
candidate-erase-hint = On the person's request or when the purpose has ended. This cannot be undone.
candidate-edit = Edit details
candidate-cv = CV
candidate-no-cv = No CV yet.
candidate-cv-upload = Upload a CV
candidate-cv-replace = Replace the CV
candidate-cv-hint = PDF, DOCX or ODT, up to 10 MB.
candidate-cv-submit = Upload
candidate-consents = Consents
candidate-consent-line = { $purpose }: text { $version }, given { $date }
candidate-consent-withdrawn = withdrawn
candidate-no-consent = No consent recorded yet.
candidate-applications = Positions
candidate-no-applications = Not on any position yet.
candidate-timeline = Timeline
candidate-timeline-empty = Nothing has happened yet.
cv-uploaded = CV uploaded.
cv-too-large = The file is larger than 10 MB.
cv-wrong-type = Only PDF, DOCX and ODT files are accepted, and this file is none of them.

application-position = Position
application-stage = Stage
application-source = Source
application-reason = Reason
application-next-contact = Next contact: { $date }
application-added = Added to the long-list.
application-duplicate = This person is already on “{ $title }”.
application-position-closed = “{ $title }” is filled or cancelled: nobody can be added to it.
application-ended = This application has ended; reopen it first.
application-stale = Someone changed this application meanwhile. Reload the page and try again.
application-moved = Moved to { $stage }.
applications-title = Pipeline
applications-found = { $count ->
    [one] { $count } application
   *[other] { $count } applications
}
applications-empty = No applications match these filters.
applications-only-stale = Only stale
applications-sort = Sort
applications-sort-newest = Newest first
applications-sort-name = By name
applications-sort-stage = By stage
applications-sort-days = Longest in stage
applications-select = Select
applications-select-one = Select { $name }
bulk-title = With the selected
bulk-submit = Apply
bulk-none-selected = Select at least one application.
bulk-done = { $count ->
    [one] { $count } application changed.
   *[other] { $count } applications changed.
}
bulk-partial = Changed: { $count }; not changed: { $refused }. { $why }

move-to = Move to
move-reason = Reason
move-reason-hint = Needed to reject, withdraw or move back.
move-reasons-reject = Our decision
move-reasons-withdraw = The candidate's decision
move-note = Note
move-reject = Reject
move-withdraw = Withdrawn by the candidate
move-started = Started work
move-started-on = First working day
move-talent-pool = Keep in the talent pool
move-submit = Move
move-refused = An application cannot go from { $from } to { $to }. Allowed from here: { $allowed }.
move-reason-required = Give a reason: it is needed to reject, withdraw or move back.

board-title = Board: { $title }
board-hint = Drag a card to another column, or open “Move” on the card. Cards that sit in a stage too long are marked stale.
board-as-list = As a list
board-move = Move
board-move-back-reason = Reason, if moving back
board-move-more = Withdraw, talent pool and more
board-days = { $days ->
    [one] { $days } day in stage
   *[other] { $days } days in stage
}
board-days-in-stage = Days in stage
board-stale = stale
board-follow-up-due = follow up
board-start-date = Starts { $date }
board-column-empty = Nobody here.
board-ended = Rejected and withdrawn
board-ended-empty = Nobody has left this search yet.
board-reconsider = Back to the long-list
board-reconsider-why = Why reconsider?

follow-up-contacted = Contacted today
follow-up-next = Next contact
follow-up-set = Set date
follow-up-saved = Follow-up saved.
comment-label = Comment
comment-submit = Add comment
comment-added = Comment added.
comment-on = The comment goes on “{ $title }”.
timeline-system = Hireloop
timeline-comment = comment
timeline-contacted = contacted
timeline-next_contact = next contact set

channels-title = Sourcing channels
channels-intro = Publish, but search actively: strong people leave the market fast. Check each channel's saved searches on schedule.
channels-name = Channel
channels-kind = Kind
channels-url = Saved search link
channels-every = Check every
channels-every-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
channels-last-checked = Last checked
channels-never = never checked
channels-due = due
channels-mark-checked = Checked now
channels-remove = Remove
channels-remove-confirm = Remove this channel?
channels-actions = Actions
channels-add = Add channel
channels-empty = No channels yet: add the job boards, referrals and cold search you use.
channel-added = Channel added.
channel-checked = Marked as checked.
channel-removed = Channel removed.

dashboard-follow-ups = Follow-ups due
dashboard-follow-ups-none = Nobody to contact today.
dashboard-overdue-since = overdue since { $date }
dashboard-due-today = today
dashboard-searches = Saved searches to check
dashboard-searches-none = Every saved search has been checked on time.
dashboard-searches-last = last checked { $date }

position-open-board = Board
position-job-page = Public job page
position-band-vs-market = Salary band against the market
position-band-edit = Bands and market data sources
position-first-hire-title = Your first account manager: where does the role sit?
position-first-hire-text = Before the profile, decide who the new account manager reports to: an Account Director, the Commercial Director, the Client Service Director, or another named head. The vacancy text, the interview kit and the offer approvals all follow from this.
position-team = Hiring team
position-recruiter = Recruiter
position-hiring-manager = Hiring manager
position-interviewers = Interviewers
position-no-interviewers = Nobody can interview yet: add users with the interviewer role.
position-team-save = Save team
position-team-saved = Hiring team saved.
position-vacancy-edit-hint = Generated from the profile and the band until you edit it; the job page publishes the text below.
position-vacancy-in-ru = In Russian
position-vacancy-in-en = In English
position-vacancy-edited = edited
position-vacancy-save = Save text
position-vacancy-reset = Back to the generated text
position-vacancy-saved = Vacancy text saved.

job-apply-title = Apply
job-cv = CV
job-cv-again = Choose the file again: it is not kept when the form has errors.
job-consent-intro = We need your consent to process your personal data for this position.
job-consent-link = Read the consent
job-consent-agree = I have read and give my consent to the processing of my personal data
job-consent-required = Without your consent we cannot consider your application.
job-consent-title = Consent to personal data processing
job-consent-version = Text version { $version }
job-apply-submit = Send application
job-thanks-title = Thank you!
job-thanks-text = Your application for “{ $title }” has reached us. A recruiter will be in touch.
job-too-many = Too many applications from your address. Please try again in an hour.

reasons-title = Rejection and withdrawal reasons
reasons-intro = Reasons recruiters choose when an application ends. Retired reasons stay on old applications and in reports.
reasons-label = Reason
reasons-kind = Kind
reasons-kind-reject = our decision
reasons-kind-withdraw = candidate's decision
reasons-code = Code
reasons-code-hint = Latin letters, digits and underscores, e.g. no_show.
reasons-label-ru = In Russian
reasons-label-en = In English
reasons-retire = Retire
reasons-restore = Restore
reasons-add = Add a reason
reasons-save = Save reason
reason-saved = Reason saved.

field-phone-invalid = Enter a phone number like +7 916 123-45-67.
field-source-invalid = One of job_board, job_page, referral, cold_search, agency, other.
field-stage-invalid = One of long_list, short_list, references, ceo_interview, offer, hired, started, rejected, withdrawn.
field-candidate-unknown = There is no such candidate.
field-position-unknown = Choose a position.
field-reason-invalid = This reason is retired or does not fit this action.
field-reason-code = Latin lower-case letters, digits and underscores, up to 40 characters.
field-reason-kind = Choose "our decision" or "candidate's decision".
field-check-every-range = From 1 to 90 days.
field-url-invalid = A link starting with https:// or http://.
field-team-recruiter = Choose an active recruiter.
field-team-manager = Choose an active hiring manager, CEO or admin.
field-team-interviewer = Interviewers must be active users who may score interviews.
error-multipart = The upload could not be read. Try again.
