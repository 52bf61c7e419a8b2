# Privacy: the data export, the audit log page.
candidate-export = Export their data (ZIP)
candidate-export-hint = Everything held about the person, for a request under 152-FZ or GDPR. The export is recorded in the audit log.
nav-audit = Audit log
audit-title = Audit log
audit-intro = Who did what, to which record, and when: sign-ins, changes, views and downloads of CVs and contacts, exports and erasures. Entries name records by id, never the personal data itself.
audit-at = When
audit-actor-id = User id
audit-actor = Who
audit-anyone = Anyone
audit-action = Action
audit-action-hint = Or its beginning, e.g. candidate.
audit-entity = Record
audit-entity-id = Record id
audit-details = Details
audit-ip = IP
audit-system = the system
audit-total = { $count ->
    [one] { $count } entry.
   *[other] { $count } entries.
}
audit-empty = Nothing matches.
audit-pages = Pages of the audit log

# The person's own page of consents, the optional consents on the job page, retention settings.
privacy-my-data-title = Your data and consents
privacy-my-data-intro = { $name }, here is each consent you gave us to process your personal data. You may withdraw any of them at any time; the others stay as they are.
privacy-given-on = Given on { $date } (text version { $version })
privacy-expires-on = runs out on { $date }
privacy-withdrawn-on = Withdrawn on { $date }. We no longer process your data for this purpose.
privacy-expired = This consent has run out.
privacy-not-given = Not given.
privacy-withdraw = Withdraw this consent
privacy-withdraw-confirm = Withdraw this consent? This cannot be undone from here.
privacy-withdraw-vacancy-hint = Withdrawing it ends your applications that are still being considered; your data is then destroyed within the period the law sets.
privacy-agree = I have read “{ $title }” and give this consent
privacy-agree-required = Tick the box to confirm you have read the text.
privacy-talent-pool-hint = The talent pool consent lasts { $months ->
    [one] { $months } month
   *[other] { $months } months
}; before it runs out we ask whether to renew it.
privacy-give = Give this consent
privacy-renew = Renew this consent
privacy-withdrawn = Your consent is withdrawn.
privacy-given = Thank you: your consent is recorded.
privacy-purpose-unknown = There is no such consent.
job-consent-optional = Optional, each on its own:
job-consent-talent-pool = Keep me in the talent pool for other positions
job-consent-referees = You may contact the referees I name
job-consent-read = read the text
privacy-link-hint = Your data and consents, to see or withdraw them: { $link }
nav-retention = Data retention
retention-title = Data retention
retention-intro = How long personal data is kept once its purpose has ended. A round runs once a day on one instance: people whose applications all ended longer ago than the period below, and who are not in the talent pool, are erased with a destruction record; talent-pool consents run out after their period, and the person is asked to renew first.
retention-days-after-end = Days after the last application ended
retention-days-after-end-hint = 152-FZ allows 30 days to destroy data once the purpose is reached.
retention-talent-pool-months = Talent-pool consent lasts, months
retention-reconsent-days = Ask to renew, days before it runs out
retention-save = Save
retention-saved = Retention periods saved.
retention-round = The daily round
retention-last-run = Last run { $date }.
retention-never-run = It has not run yet.
retention-run = Run it now
retention-run-confirm = Run the retention round now? People past their period are erased at once.
retention-ran = Done. Erased: { $erased }; asked to renew: { $reminded }; talent-pool consents expired: { $expired }.
field-whole-number = Enter a whole number.
candidate-consent-required = Confirm the basis: the person agreed to the processing of their data.
