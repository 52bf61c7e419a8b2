# Pages behind links and calendar files, in their recipient's language and on their clock.

offer-link-open-until = This link works until { $when }.

ics-interview-summary = { $what }: { $title }, { $when }
ics-interview-when = When: { $when } ({ $duration })
ics-interview-candidate = Candidate: { $name }
ics-interview-place = Where: { $place }
ics-interview-with = Interviewers: { $names }
