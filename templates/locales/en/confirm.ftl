## Confirmations before steps that cannot be undone or that email many people.
confirm-what-happens = What will happen
confirm-people = Who this touches
confirm-outcome = What happens to them
confirm-go = Confirm
confirm-back = Back
confirm-gets-rejection = gets a rejection email
confirm-closed-no-email = closed, no email (no address)

## Recording a start.
start-not-yet = A start is recorded on the first working day itself, and { $date } has not come yet. Until then the planned day stays on the accepted offer, and the backup and the other finalists stay warm.
confirm-start-title = Mark { $name } as started
confirm-start-recorded = { $name } is recorded as started on { $date }.
confirm-start-fills = { $closed ->
    [0] The position is filled. Nobody else is left in the search.
    [one] The position is filled; { $closed } application is closed and { $emails } of them gets a rejection email.
   *[other] The position is filled; { $closed } applications are closed and { $emails } candidates get a rejection email.
}
confirm-start-not-filled = The position stays open: its headcount is not met yet, and nobody else is closed.
confirm-start-go = Record the start
confirm-start-check = Show what happens
confirm-start-planned = Planned on the accepted offer: { $date }.
confirm-start-hint = Record the start on the first working day itself, or later.

## Rejecting and moving.
confirm-reject-title = { $count ->
    [one] Reject { $count } candidate
   *[other] Reject { $count } candidates
}
confirm-move-title = { $count ->
    [one] Move { $count } application
   *[other] Move { $count } applications
}
confirm-reject-count = { $count ->
    [0] Nobody will be rejected.
    [one] { $count } application is closed as rejected.
   *[other] { $count } applications are closed as rejected.
}
confirm-reject-emails = { $count ->
    [0] Nobody gets an email.
    [one] { $count } candidate will get a rejection email.
   *[other] { $count } candidates will get a rejection email.
}
confirm-move-count = { $count ->
    [0] Nothing moves.
    [one] { $count } application moves to “{ $stage }”.
   *[other] { $count } applications move to “{ $stage }”.
}
confirm-move-refused = { $count ->
    [one] { $count } stays where it is: the rule does not allow the move (see below).
   *[other] { $count } stay where they are: the rule does not allow the move (see below).
}

## Erasing a candidate.
confirm-erase-title = Erase { $name }'s personal data
confirm-erase-what = The candidate's personal data is erased for good: name, email, phone, CV, links, tags, notes and comments. It cannot be restored.
confirm-erase-stays = { $count ->
    [0] Stage history and statistics stay, without the name.
    [one] { $count } application stays in the statistics, anonymous.
   *[other] { $count } applications stay in the statistics, anonymous.
}
confirm-erase-go = Erase for good

## Cancelling a position.
confirm-cancel-title = Cancel “{ $title }”
confirm-cancel-closes = { $closed ->
    [0] The position closes. Nobody is in its search, so nobody gets an email.
    [one] The position closes; { $closed } application is closed and { $emails } candidate gets an email.
   *[other] The position closes; { $closed } applications are closed and { $emails } candidates get an email.
}
confirm-cancel-go = Cancel the position

## Sending an offer.
confirm-send-title = Send the offer to { $name }
confirm-send-what = { $name } gets the offer letter at { $email }, with a link to accept or decline. A sent letter cannot be called back; a change needs a new revision.
confirm-send-go = Send the offer

## An intern's decision.
confirm-decision-title = Decision for { $name }: { $outcome }
confirm-decision-final = The decision is final: the internship closes and cannot be decided again.
confirm-decision-promote = { $name } becomes an account manager (grade junior) in client service.
confirm-decision-transfer = { $name } moves to another department.
confirm-decision-email = { $name } gets an email with the decision.
confirm-decision-early = Decided before the programme's last week, which starts on { $date }. Why early: { $reason }
confirm-decision-go = Record the decision

## Internship rules.
internship-exam-in-future = The exam is recorded once it has been sat: { $date } has not come yet.
internship-decision-early = The programme's last week starts on { $date }; a decision before it needs a reason for deciding early.
internship-early-reason = Why decide early
internship-early-reason-hint = The programme's last week starts on { $date }. A decision before it is recorded with its reason.
internship-early-reason-shown = Decided early: { $reason }
internships-finished = Finished
