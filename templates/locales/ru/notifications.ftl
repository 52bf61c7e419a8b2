notifications-title = Уведомления
notifications-bell = Уведомления
notifications-bell-unread = Уведомления, непрочитанных: { $count }
notifications-unread = { $count ->
    [0] Всё прочитано.
    [one] { $count } непрочитанное.
    [few] { $count } непрочитанных.
   *[other] { $count } непрочитанных.
}
notifications-new = Новое
notifications-read-all = Отметить всё прочитанным
notifications-all-read = { $count ->
    [one] { $count } уведомление отмечено прочитанным.
    [few] { $count } уведомления отмечены прочитанными.
   *[other] { $count } уведомлений отмечены прочитанными.
}
notifications-empty = Пока ничего. Здесь появятся упоминания, интервью, которые нужно оценить, ответы кандидатов и офферы на согласование.
notifications-digest-title = Ежедневное письмо
notifications-digest-label = Каждое утро присылать на почту непрочитанные уведомления
notifications-digest-save = Сохранить
notifications-digest-on = Ежедневное письмо включено.
notifications-digest-off = Ежедневное письмо выключено.
notification-unknown = Произошло что-то, что касается вас.
notification-mentioned = { $actor } упоминает вас в заметке о кандидате { $candidate }: «{ $subject }»
notification-interview_assigned = { $actor } добавляет вас в интервьюеры: { $candidate }, вакансия «{ $position }».
notification-scorecard_overdue = Просрочена ваша оценка по интервью: { $candidate }.
notification-reply_received = Ответ от кандидата { $candidate }: «{ $subject }»
notification-approval_requested = Оффер кандидату { $candidate } на вакансию «{ $position }» ждёт вашего согласования.
notification-offer_answered = { $candidate } { $answer ->
    [accepted] принимает
   *[declined] отклоняет
} оффер на вакансию «{ $position }».
outbox-kind-notification_digest = Ежедневная сводка уведомлений
notification-hh_reconnect = hh.ru больше не принимает подключение ({ $subject }): подключите его заново
