notifications-title = Notifications
notifications-bell = Notifications
notifications-bell-unread = Notifications, { $count } unread
notifications-unread = { $count ->
    [0] Everything is read.
    [one] One unread.
   *[other] { $count } unread.
}
notifications-new = New
notifications-read-all = Mark all as read
notifications-all-read = { $count ->
    [one] One notification marked as read.
   *[other] { $count } notifications marked as read.
}
notifications-empty = Nothing has needed you yet. Mentions, interviews to score, replies and approvals will show up here.
notifications-digest-title = Daily email
notifications-digest-label = Each morning, email me what I have not read yet
notifications-digest-save = Save
notifications-digest-on = The daily email is on.
notifications-digest-off = The daily email is off.
notification-unknown = Something changed that concerns you.
notification-mentioned = { $actor } mentioned you in a note on { $candidate }: “{ $subject }”
notification-interview_assigned = { $actor } made you an interviewer of { $candidate } for { $position }.
notification-scorecard_overdue = Your scorecard for { $candidate } is overdue.
notification-reply_received = { $candidate } replied: “{ $subject }”
notification-approval_requested = The offer to { $candidate } for { $position } waits for your approval.
notification-offer_answered = { $candidate } { $answer ->
    [accepted] accepted
   *[declined] declined
} the offer for { $position }.
outbox-kind-notification_digest = Daily notifications digest
notification-hh_reconnect = hh.ru no longer accepts the connection ({ $subject }): connect it again
