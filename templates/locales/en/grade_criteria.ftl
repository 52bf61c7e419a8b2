# What each grade can do and expects, the anchors of the 1–5 scale, and why the profile suggests
# the grade it does (positions::criteria, domain::grade_fit).
grades-criteria = What each grade can do
grades-expects = What each grade expects, 1 to 5
grades-expects-competency = Competency
profile-anchors = What 1, 3 and 5 look like
profile-grade-fit-below = Below the { $grade } grade's expectations
profile-grade-holding = Holding the candidate below { $next }
profile-grade-holding-own = Below the { $grade } grade's expectations
profile-grade-lifting = Already at the { $next } level
profile-grade-lifting-top = At or above the grade's expectations
profile-grade-reason = { $competency }: { $score }, needs { $needed }
profile-grade-weighted = weighs more for this role
profile-grade-tolerance = A competency meets a level when it is at most { $tolerance } of a point below it; the competencies the role variant leans on get less slack.
