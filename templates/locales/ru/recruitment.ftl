nav-applications = Воронка
nav-candidates = Кандидаты
nav-reasons = Причины

source-job_board = Сайт вакансий
source-job_page = Наша страница вакансии
source-referral = По рекомендации
source-cold_search = Активный поиск
source-agency = Агентство
source-other = Другое

candidates-title = Кандидаты
candidates-new = Добавить кандидата
candidates-search = Поиск
candidates-search-hint = Имя, почта, телефон или компания.
candidates-search-submit = Найти
candidates-found = { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
}
candidates-found-more = Больше { $count ->
    [one] { $count } человека
   *[other] { $count } человек
}: добавьте слово, компанию или метку, чтобы сузить поиск
candidates-only-pool = Только кадровый резерв
candidates-empty = Никого не нашлось. Сократите запрос или добавьте человека.
candidate-name = ФИО
candidate-email = Почта
candidate-phone = Телефон
candidate-current = Сейчас
candidate-current-title = Текущая должность
candidate-current-company = Текущая компания
candidate-expected-salary = Ожидаемая зарплата
candidate-links = Ссылки (резюме на сайте вакансий, LinkedIn, портфолио)
candidate-tags = Метки
candidate-tags-hint = Через запятую, например: b2b, seo.
candidate-notes = Заметки
candidate-contacts = Контакты
candidate-talent-pool = Кадровый резерв
candidate-talent-pool-keep = Оставить в кадровом резерве для будущих вакансий
candidate-reference-consent = Есть согласие кандидата на связь с рекомендателями
candidate-save = Сохранить
candidate-saved = Кандидат сохранён.
candidate-create = Добавить кандидата
candidate-created = Кандидат добавлен.
candidate-add-to-position = Добавить на вакансию
candidate-no-position = Не сейчас
candidate-add-submit = Добавить в лонг-лист
candidate-consent-confirm = Есть согласие кандидата на обработку персональных данных (основание подтверждаю).
candidate-duplicate = Эта почта или телефон уже есть в карточке: { $name } (№{ $id }). Откройте карточку и добавьте человека на вакансию, не создавая вторую запись.
candidate-duplicate-title = Этот человек уже есть в базе
candidate-duplicate-text = Кандидат с такой почтой или телефоном уже есть. Добавьте на вакансию существующую карточку, а не создавайте новую.
candidate-duplicate-link = Добавить на эту вакансию
candidate-duplicate-open = Открыть карточку
candidate-erased = Персональные данные этого кандидата удалены.
candidate-erased-note = Персональные данные удалены { $date }. Запись осталась для статистики.
candidate-erased-done = Персональные данные удалены, статистика сохранена.
candidate-erase = Удалить персональные данные
candidate-erase-confirm = Удалить контакты, резюме и заметки этого человека безвозвратно? Отклики останутся обезличенными.
candidate-erase-hint = По запросу человека или когда цель обработки достигнута. Отменить нельзя.
candidate-edit = Изменить данные
candidate-cv = Резюме
candidate-no-cv = Резюме пока нет.
candidate-cv-upload = Загрузить резюме
candidate-cv-replace = Заменить резюме
candidate-cv-hint = PDF, DOCX или ODT, до 10 МБ.
candidate-cv-submit = Загрузить
candidate-consents = Согласия
candidate-consent-line = { $purpose }: текст { $version }, дано { $date }
candidate-consent-withdrawn = отозвано
candidate-no-consent = Согласие пока не записано.
candidate-applications = Вакансии
candidate-no-applications = Пока ни на одной вакансии.
candidate-timeline = История
candidate-timeline-empty = Пока ничего не происходило.
cv-uploaded = Резюме загружено.
cv-too-large = Файл больше 10 МБ.
cv-wrong-type = Принимаются только файлы PDF, DOCX и ODT, а этот файл не из них.

application-position = Вакансия
application-stage = Этап
application-source = Источник
application-reason = Причина
application-next-contact = Следующий контакт: { $date }
application-added = Кандидат добавлен в лонг-лист.
application-duplicate = Этот человек уже на вакансии «{ $title }».
application-position-closed = Вакансия «{ $title }» закрыта или отменена: добавлять в неё кандидатов нельзя.
application-ended = Этот отклик завершён; сначала верните его в работу.
application-stale = Отклик только что изменили. Обновите страницу и повторите.
application-moved = Новый этап: { $stage }.
applications-title = Воронка
applications-found = { $count ->
    [one] { $count } отклик
    [few] { $count } отклика
   *[many] { $count } откликов
}
applications-empty = Под эти фильтры откликов нет.
applications-only-stale = Только без движения
applications-sort = Сортировка
applications-sort-newest = Сначала новые
applications-sort-name = По имени
applications-sort-stage = По этапу
applications-sort-days = Дольше всех на этапе
applications-select = Выбрать
applications-select-one = Выбрать: { $name }
bulk-title = С выбранными
bulk-submit = Применить
bulk-none-selected = Выберите хотя бы один отклик.
bulk-done = { $count ->
    [one] Изменён { $count } отклик.
    [few] Изменено { $count } отклика.
   *[many] Изменено { $count } откликов.
}
bulk-partial = Изменено: { $count }; не изменено: { $refused }. { $why }

move-to = Куда
move-reason = Причина
move-reason-hint = Нужна для отказа, самоотказа и шага назад.
move-reasons-reject = Наше решение
move-reasons-withdraw = Решение кандидата
move-note = Комментарий
move-reject = Отказать
move-withdraw = Самоотказ кандидата
move-started = Выход на работу
move-started-on = Первый рабочий день
move-talent-pool = Оставить в кадровом резерве
move-submit = Переместить
move-refused = Отклик нельзя перевести с этапа { $from } на этап { $to }. Отсюда можно: { $allowed }.
move-reason-required = Укажите причину: она нужна для отказа, самоотказа и шага назад.

board-title = Доска: { $title }
board-hint = Перетащите карточку в другую колонку или откройте «Переместить» на карточке. Карточки, которые слишком долго стоят на одном этапе, помечены «без движения».
board-as-list = Списком
board-move = Переместить
board-move-back-reason = Причина (при шаге назад)
board-move-more = Самоотказ, кадровый резерв и другое
board-days = { $days ->
    [one] { $days } день на этапе
    [few] { $days } дня на этапе
   *[many] { $days } дней на этапе
}
board-days-in-stage = Дней на этапе
board-stale = без движения
board-follow-up-due = связаться
board-start-date = Выход на работу: { $date }
board-column-empty = Пока никого.
board-ended = Отказы и самоотказы
board-ended-empty = Из этого поиска пока никто не выбыл.
board-reconsider = Вернуть в лонг-лист
board-reconsider-why = Почему возвращаем?

follow-up-contacted = Связались сегодня
follow-up-next = Следующий контакт
follow-up-set = Назначить
follow-up-saved = Контакт отмечен.
comment-label = Комментарий
comment-submit = Добавить комментарий
comment-added = Комментарий добавлен.
comment-on = Комментарий попадёт в отклик на вакансию «{ $title }».
timeline-system = Hireloop
timeline-comment = комментарий
timeline-contacted = связались
timeline-next_contact = назначен следующий контакт

channels-title = Каналы поиска
channels-intro = Публикуйте, но ищите активно: сильные специалисты быстро уходят с рынка. Проверяйте сохранённые поиски каждого канала по графику.
channels-name = Канал
channels-kind = Тип
channels-url = Ссылка на сохранённый поиск
channels-every = Проверять раз в
channels-every-days = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
channels-last-checked = Последняя проверка
channels-never = ещё не проверяли
channels-due = пора проверить
channels-mark-checked = Проверено
channels-remove = Удалить
channels-remove-confirm = Удалить этот канал?
channels-actions = Действия
channels-add = Добавить канал
channels-empty = Каналов пока нет: добавьте сайты вакансий, рекомендации сотрудников и активный поиск, которыми пользуетесь.
channel-added = Канал добавлен.
channel-checked = Канал отмечен как проверенный.
channel-removed = Канал удалён.

dashboard-follow-ups = Пора связаться
dashboard-follow-ups-none = Сегодня связываться не с кем.
dashboard-overdue-since = просрочено с { $date }
dashboard-due-today = сегодня
dashboard-searches = Сохранённые поиски к проверке
dashboard-searches-none = Все сохранённые поиски проверены вовремя.
dashboard-searches-last = последняя проверка: { $date }

position-open-board = Доска
position-job-page = Публичная страница вакансии
position-band-vs-market = Вилка на фоне рынка
position-band-edit = Вилки и источники рыночных данных
position-first-hire-title = Первый аккаунт-менеджер: место в оргструктуре
position-first-hire-text = Прежде чем заполнять профиль, решите, кому будет подчиняться новый аккаунт-менеджер: директору по работе с клиентами, коммерческому директору, директору клиентского сервиса или другому руководителю. От этого зависят текст вакансии, набор вопросов для интервью и согласование оффера.
position-team = Команда найма
position-recruiter = Рекрутер
position-hiring-manager = Нанимающий менеджер
position-interviewers = Интервьюеры
position-no-interviewers = Проводить интервью пока некому: добавьте пользователей с ролью интервьюера.
position-team-save = Сохранить команду
position-team-saved = Команда найма сохранена.
position-vacancy-edit-hint = Пока вы не изменили текст, он собирается из профиля и вилки; на странице вакансии публикуется текст ниже.
position-vacancy-in-ru = На русском
position-vacancy-in-en = На английском
position-vacancy-edited = изменён
position-vacancy-save = Сохранить текст
position-vacancy-reset = Вернуть сгенерированный текст
position-vacancy-saved = Текст вакансии сохранён.

job-apply-title = Откликнуться
job-cv = Резюме
job-cv-again = Выберите файл ещё раз: при ошибках в форме он не сохраняется.
job-consent-intro = Чтобы рассмотреть отклик, нам нужно ваше согласие на обработку персональных данных.
job-consent-link = Прочитать согласие
job-consent-agree = Прочитав текст, даю согласие на обработку моих персональных данных
job-consent-required = Без вашего согласия мы не можем рассмотреть отклик.
job-consent-title = Согласие на обработку персональных данных
job-consent-version = Версия текста { $version }
job-apply-submit = Отправить отклик
job-thanks-title = Спасибо!
job-thanks-text = Ваш отклик на вакансию «{ $title }» получен. Рекрутер свяжется с вами.
job-too-many = Слишком много откликов с вашего адреса. Попробуйте через час.

reasons-title = Причины отказов и самоотказов
reasons-intro = Причины, которые рекрутеры выбирают при завершении отклика. Убранные из списка остаются в старых откликах и отчётах.
reasons-label = Причина
reasons-kind = Тип
reasons-kind-reject = наше решение
reasons-kind-withdraw = решение кандидата
reasons-code = Код
reasons-code-hint = Латинские буквы, цифры и подчёркивания, например no_show.
reasons-label-ru = На русском
reasons-label-en = На английском
reasons-retire = Убрать из списка
reasons-restore = Вернуть
reasons-add = Добавить причину
reasons-save = Сохранить причину
reason-saved = Причина сохранена.

field-phone-invalid = Введите телефон, например +7 916 123-45-67.
field-source-invalid = Одно из: job_board, job_page, referral, cold_search, agency, other.
field-stage-invalid = Одно из: long_list, short_list, references, ceo_interview, offer, hired, started, rejected, withdrawn.
field-candidate-unknown = Такого кандидата нет.
field-position-unknown = Выберите вакансию.
field-reason-invalid = Эта причина убрана из списка или не подходит к действию.
field-reason-code = Строчные латинские буквы, цифры и подчёркивания, до 40 символов.
field-reason-kind = Выберите «наше решение» или «решение кандидата».
field-check-every-range = От 1 до 90 дней.
field-url-invalid = Ссылка, начинающаяся с https:// или http://.
field-team-recruiter = Выберите активного рекрутера.
field-team-manager = Выберите активного нанимающего менеджера, генерального директора или администратора.
field-team-interviewer = Интервьюерами могут быть только активные пользователи с правом оценивать интервью.
error-multipart = Не удалось прочитать загрузку. Попробуйте ещё раз.
