# Виды писем, как их называет страница почты (список — в src/outbox/kinds.rs).
outbox-kind = Вид
outbox-kind-exam_result = результат экзамена
outbox-kind-exam_scheduled = назначен экзамен
outbox-kind-internship_decision = решение по стажировке
outbox-kind-internship_welcome = приглашение на стажировку
outbox-kind-mentor_assigned = назначен наставник
outbox-kind-offer_approval = оффер на согласование
outbox-kind-offer_letter = оффер кандидату
outbox-kind-reference_request = запрос рекомендации
outbox-kind-talent_pool_reconsent = продление согласия для кадрового резерва
outbox-kind-unknown = другое письмо

# Отмена отправки для массовых действий.
outbox-status-cancelled = отменено
outbox-held-title = Ждут отправки
outbox-held-hint = Письма массовых действий уходят не сразу, а через несколько минут, чтобы ошибку можно было исправить.
outbox-held-goes-at = уйдёт в { $at }
outbox-in-batch = массовое действие
outbox-batch-bulk_reject = Массовый отказ
outbox-batch-bulk_move = Массовый перевод
outbox-batch-position_filled = Вакансия закрыта, поиск завершён
outbox-batch-position_cancelled = Вакансия отменена, поиск завершён
outbox-batch-emails = { $count ->
    [one] { $count } письмо
    [few] { $count } письма
   *[many] { $count } писем
}
outbox-cancel = Отменить
outbox-cancel-batch = Отменить все
outbox-cancel-batch-confirm = { $count ->
    [one] Отменить это письмо? Оно не будет отправлено.
    [few] Отменить эти { $count } письма? Они не будут отправлены.
   *[many] Отменить эти { $count } писем? Они не будут отправлены.
}
outbox-cancelled-one = Отменено: письмо не будет отправлено.
outbox-cancelled-batch = { $count ->
    [one] Отменено { $count } письмо: оно не будет отправлено.
    [few] Отменено { $count } письма: они не будут отправлены.
   *[many] Отменено { $count } писем: они не будут отправлены.
}
outbox-cancel-too-late = Отменить уже нельзя: письмо отправляется или уже ушло.
outbox-retry-cancelled = Отменённое письмо повторно не отправляется.

# Настройка задержки.
outbox-hold-title = Время на отмену массовых действий
outbox-hold-minutes = Через сколько минут уходят массовые письма
outbox-hold-hint = 0 — отправлять сразу. Ссылки для входа, офферы и отдельные приглашения никогда не ждут.
outbox-hold-save = Сохранить
outbox-hold-saved = Сохранено.
outbox-hold-invalid = Введите целое число минут от 0 до { $max }.

outbox-body-hidden = В письме личная ссылка получателя, поэтому прочитать его может только администратор.
outbox-undo-notice = { $count ->
    [one] Изменён { $count } отклик.
    [few] Изменено { $count } отклика.
   *[many] Изменено { $count } откликов.
} { $emails ->
    [one] { $emails } письмо уйдёт
    [few] { $emails } письма уйдут
   *[many] { $emails } писем уйдут
} { $minutes ->
    [0] сразу
    [one] через { $minutes } минуту
    [few] через { $minutes } минуты
   *[many] через { $minutes } минут
}; до этого { $emails ->
    [one] его
   *[other] их
} можно отменить в разделе «Почта».
outbox-hold-before = { $emails ->
    [one] Письмо подождёт
   *[other] Письма подождут
} в очереди { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[many] { $minutes } минут
}, прежде чем уйти; до этого { $emails ->
    [one] его
   *[other] их
} можно отменить в исходящих.
