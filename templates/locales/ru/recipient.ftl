# Страницы по ссылкам и файлы календаря — на языке получателя и по его часам.

offer-link-open-until = Ссылка действует до { $when }.

ics-interview-summary = { $what }: { $title }, { $when }
ics-interview-when = Когда: { $when } ({ $duration })
ics-interview-candidate = Кандидат: { $name }
ics-interview-place = Где: { $place }
ics-interview-with = Интервьюеры: { $names }
