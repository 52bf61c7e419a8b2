# Reports: names, what each shows, column headings, notes.
nav-reports = Reports
reports-title = Reports
reports-intro = Pick a report, set the dates, read the chart and the table, download CSV or XLSX. Every figure comes from the same data the pipeline shows.
report-funnel = Funnel
report-funnel-about = Of the applications made in the period: how many reached each stage, how many went on, and where and why people left.
report-time-to-fill = Time to fill
report-time-to-fill-about = Days from opening a position to filling it, in calendar and working days, against the target date; positions still open; time spent in each stage.
report-sources = Sources
report-sources-about = Where candidates come from, and which sources give short-listed people and hires.
report-offers = Offers
report-offers-about = How many offers are accepted, how many revisions a hire takes, and where accepted salaries sit in the band and on the market.
report-calibration = Interviewer calibration
report-calibration-about = Each interviewer's scores against the rest of the panel on the same candidates: who scores too softly, who too harshly.
report-internships = Intern programme
report-internships-about = For internships started in the period: exam pass rates, attempts, and the decisions taken.
report-predictive = Which questions predict
report-predictive-about = For people hired through the app who did the internship: how their interview scores go with their exam, defence and department weeks.
report-from = From
report-to = To
report-position = Position
report-all-positions = All positions
report-apply = Show
report-download-csv = Download CSV
report-download-xlsx = Download XLSX
report-empty = Nothing in this period.
report-range-reversed = The end of the range comes before its start.
report-no-reason = No reason given
report-stage = Stage
report-reached = Reached
report-conversion = Went on, %
report-rejected-here = Rejected here
report-withdrawn-here = Withdrew here
report-outcome = Outcome
report-reason = Reason
report-count = Count
report-funnel-chart = Applications that reached each stage
report-funnel-stages = Stages
report-funnel-reasons = Why people left
report-funnel-note = { $count ->
    [one] { $count } application made in the period.
   *[other] { $count } applications made in the period.
}
report-opened = Opened
report-filled = Filled
report-calendar-days = Calendar days
report-working-days = Working days
report-target = Target date
report-past-target = Days past target
report-time-chart = Working days to fill, per position
report-time-filled = Filled in the period
report-time-open = Still open (days so far)
report-time-stages = Time in each stage
report-stays = Stays
report-mean-days = Mean days
report-time-summary = Mean time to fill, calendar days: { $calendar }; working days: { $working } (median: { $median }). On or before the target date: { $on_target } of { $with_target }.
report-source = Source
report-candidates = Candidates
report-short-listed = Short-listed
report-hired = Hired
report-hire-rate = Hired, %
report-sources-chart = Candidates, short-listed and hired per source
report-sources-table = Sources
report-candidate = Candidate
report-salary = Salary
report-currency = Currency
report-band-min = Band from
report-band-max = Band to
report-band-position = Place in band, %
report-market-percentile = CVs asking less, %
report-revisions = Revisions
report-offers-chart = Accepted salaries: place in the band and on the market
report-offers-hires = Accepted offers
report-offers-summary = Acceptance
report-figure = Figure
report-value = Value
report-offered = Applications with an offer
report-accepted = Accepted
report-declined = Declined
report-acceptance-rate = Acceptance rate, % of answered
report-revisions-per-hire = Revisions per hire
report-offers-market = Market: { $source }.
report-interviewer = Interviewer
report-scorecards = Scorecards
report-own-mean = Their mean
report-panel-mean = Panel's mean
report-difference = Difference
report-compared = Ratings compared
report-positive = Their "yes", %
report-panel-positive = Panel's "yes", %
report-verdict = Reading
report-verdict-softer = Scores softly
report-verdict-harsher = Scores harshly
report-verdict-in_line = In line
report-verdict-too_few = Too few to tell
report-calibration-chart = Difference from the panel's mean (positive: softer)
report-calibration-table = Interviewers
report-calibration-note = Compared on the same candidates and competencies. No reading under { $min ->
    [one] { $min } compared rating
   *[other] { $min } compared ratings
}; a gap of { $gap } or more either way is called out.
report-first-time-rate = Passed first time, %
report-attempts-to-pass = Attempts to pass
report-internships-chart = Exam pass rates
report-internships-exams = Exams
report-internships-decisions = Decisions
report-competency = Competency
report-question = Question
report-people-exam = People (exam)
report-r-exam = r with the first exam
report-people-defence = People (defence)
report-r-defence = r with the defence
report-people-rotations = People (weeks)
report-r-rotations = r with the department weeks
report-predictive-chart = Correlation of interview scores with results in the programme and on probation
report-predictive-competencies = By competency
report-predictive-questions = By question
report-predictive-note = { $people ->
    [one] { $people } person went
   *[other] { $people } people went
} through both hiring and the internship. A correlation (r, from −1 to 1) is shown only with at least { $min ->
    [one] { $min } person
   *[other] { $min } people
} behind it; even then a small group can mislead.
figures-label = Key figures
figure-open-positions = open positions
figure-median-days = working days to fill (median, 12 months)
figure-acceptance = offers accepted (12 months)
figure-offers-awaiting-you = offers awaiting your approval
figure-short-list = candidates on the short-list
figure-ceo-interviews = candidates for your interview
figure-interns-at-risk = interns at risk
figure-waiting-sign-off = items waiting for your sign-off
figure-plan-done = of your plan done
figure-overdue-items = items overdue
