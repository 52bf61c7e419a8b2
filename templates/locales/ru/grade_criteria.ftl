# Что умеет и чего ждёт каждый грейд, опорные описания шкалы 1–5 и почему профиль кандидата
# указывает на свой грейд (positions::criteria, domain::grade_fit).
grades-criteria = Что умеет человек на каждом грейде
grades-expects = Ожидаемый уровень по компетенциям, от 1 до 5
grades-expects-competency = Компетенция
profile-anchors = Как выглядят 1, 3 и 5
profile-grade-fit-below = Ниже ожиданий грейда «{ $grade }»
profile-grade-holding = Не дают подняться до грейда «{ $next }»
profile-grade-holding-own = Ниже ожиданий грейда «{ $grade }»
profile-grade-lifting = Уже на уровне грейда «{ $next }»
profile-grade-lifting-top = На уровне ожиданий грейда или выше
profile-grade-reason = { $competency }: { $score }, нужно { $needed }
profile-grade-weighted = важнее для этой роли
profile-grade-tolerance = Компетенция соответствует уровню, если оценка ниже него не больше чем на { $tolerance } балла; для компетенций, на которые опирается вариант роли, запас меньше.
