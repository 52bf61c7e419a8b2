# The offer letter as a PDF (attached to the offer email, downloadable from the offers page).
letter-title = Предложение о работе
letter-greeting = Здравствуйте, { $name }!
letter-intro = Мы рады предложить вам работу в должности «{ $title }» на следующих условиях.
letter-position = Должность
letter-grade = Грейд
letter-salary = Заработная плата
letter-salary-value = { $amount } в месяц до вычета налогов
letter-salary-words = { $amount } в месяц до вычета налогов ({ $words })
letter-start = Первый рабочий день
letter-probation = Испытательный срок
letter-probation-none = без испытательного срока
letter-bonus = Премии
letter-terms = Другие условия
letter-answer-link = Принять предложение или отказаться можно по ссылке { $days ->
    [one] (она действует { $days } день):
    [few] (она действует { $days } дня):
   *[many] (она действует { $days } дней):
}
letter-answer-email = Принять предложение или отказаться можно по ссылке из письма, к которому приложено это предложение.
letter-questions = Если хотите что-то обсудить, просто ответьте на письмо.
letter-closing = С уважением,
letter-footer = Предложение о работе для { $name }, редакция { $revision }
letter-not-final = Проект: предложение ещё не согласовано
letter-date = { $day } { $month } { $year } г.
letter-month-1 = января
letter-month-2 = февраля
letter-month-3 = марта
letter-month-4 = апреля
letter-month-5 = мая
letter-month-6 = июня
letter-month-7 = июля
letter-month-8 = августа
letter-month-9 = сентября
letter-month-10 = октября
letter-month-11 = ноября
letter-month-12 = декабря
letter-download = Предложение в PDF
