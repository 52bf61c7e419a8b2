# Kinds of email, as the outbox names them (the list lives in src/outbox/kinds.rs).
outbox-kind = Kind
outbox-kind-exam_result = exam result
outbox-kind-exam_scheduled = exam scheduled
outbox-kind-internship_decision = internship decision
outbox-kind-internship_welcome = welcome to the internship
outbox-kind-mentor_assigned = mentor assigned
outbox-kind-offer_approval = offer to approve
outbox-kind-offer_letter = offer letter
outbox-kind-reference_request = reference request
outbox-kind-talent_pool_reconsent = talent pool consent renewal
outbox-kind-unknown = other email

# Undo send for mass actions.
outbox-status-cancelled = cancelled
outbox-held-title = Waiting to go
outbox-held-hint = Emails from mass actions wait a few minutes before they go, so a mistake can still be undone.
outbox-held-goes-at = goes at { $at }
outbox-in-batch = mass action
outbox-batch-bulk_reject = Bulk rejection
outbox-batch-bulk_move = Bulk move
outbox-batch-position_filled = Position filled, search closed
outbox-batch-position_cancelled = Position cancelled, search closed
outbox-batch-emails = { $count ->
    [one] { $count } email
   *[other] { $count } emails
}
outbox-cancel = Cancel
outbox-cancel-batch = Cancel all
outbox-cancel-batch-confirm = Cancel { $count ->
    [one] this email? It
   *[other] these { $count } emails? They
} will not be sent.
outbox-cancelled-one = Cancelled: this email will not be sent.
outbox-cancelled-batch = { $count ->
    [one] Cancelled 1 email: it will not be sent.
   *[other] Cancelled { $count } emails: they will not be sent.
}
outbox-cancel-too-late = Too late to cancel: the email is being sent or has gone already.
outbox-retry-cancelled = A cancelled email is not sent again.

# The hold setting.
outbox-hold-title = Undo time for mass actions
outbox-hold-minutes = Minutes before mass emails go
outbox-hold-hint = 0 sends them at once. Login links, offer links and single invitations never wait.
outbox-hold-save = Save
outbox-hold-saved = Saved.
outbox-hold-invalid = Enter a whole number of minutes from 0 to { $max }.

outbox-body-hidden = This email contains a personal link for its recipient, so only an administrator can read it.
outbox-undo-notice = { $count ->
    [one] { $count } application changed.
   *[other] { $count } applications changed.
} { $emails ->
    [one] The email goes
   *[other] The { $emails } emails go
} { $minutes ->
    [0] right away
    [one] in { $minutes } minute
   *[other] in { $minutes } minutes
}; until then you can cancel { $emails ->
    [one] it
   *[other] them
} in the Outbox.
outbox-hold-before = { $emails ->
    [one] The email waits
   *[other] The emails wait
} { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} in the outbox before going out; until then you can cancel { $emails ->
    [one] it
   *[other] them
} there.
