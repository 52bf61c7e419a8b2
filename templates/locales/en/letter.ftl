# The offer letter as a PDF (attached to the offer email, downloadable from the offers page).
letter-title = Job offer
letter-greeting = Dear { $name },
letter-intro = We are glad to offer you the position of { $title } on the following terms.
letter-position = Position
letter-grade = Grade
letter-salary = Salary
letter-salary-value = { $amount } a month before tax
letter-salary-words = { $amount } a month before tax ({ $words })
letter-start = First working day
letter-probation = Probation
letter-probation-none = none
letter-bonus = Bonus
letter-terms = Other terms
letter-answer-link = Accept or decline the offer through this link ({ $days ->
    [one] valid for { $days } day
   *[other] valid for { $days } days
}):
letter-answer-email = Accept or decline the offer through the link in the email this letter came with.
letter-questions = If you would like to discuss anything, just reply to the email.
letter-closing = Kind regards,
letter-footer = Job offer for { $name }, revision { $revision }
letter-not-final = Draft: this offer is not approved yet
letter-date = { $day } { $month } { $year }
letter-month-1 = January
letter-month-2 = February
letter-month-3 = March
letter-month-4 = April
letter-month-5 = May
letter-month-6 = June
letter-month-7 = July
letter-month-8 = August
letter-month-9 = September
letter-month-10 = October
letter-month-11 = November
letter-month-12 = December
letter-download = Offer letter (PDF)
