app-name = Hireloop
footer-text = Hireloop — найм и развитие аккаунт-менеджеров
nav-skip = Перейти к содержимому
nav-label = Главное меню
nav-dashboard = Главная
nav-users = Пользователи
nav-profile = Профиль
nav-logout = Выйти
lang-switch-to = English

role-admin = Администратор
role-recruiter = Рекрутер
role-hiring_manager = Нанимающий менеджер
role-ceo = Генеральный директор
role-interviewer = Интервьюер
role-mentor = Наставник
role-intern = Стажёр

grade-intern = Стажёр
grade-junior = Младший
grade-middle = Средний
grade-senior = Старший
grade-group_head = Руководитель группы
grade-director = Директор

stage-long_list = Лонг-лист
stage-short_list = Шорт-лист
stage-references = Рекомендации
stage-ceo_interview = Встреча с генеральным директором
stage-offer = Оффер
stage-hired = Оффер принят
stage-started = Выход на работу
stage-rejected = Отказ
stage-withdrawn = Самоотказ

position-status-draft = Черновик
position-status-open = Открыта
position-status-on_hold = На паузе
position-status-filled = Закрыта
position-status-cancelled = Отменена

login-title = Вход
login-intro = Введите email и пароль, которые вам выдал администратор.
login-email = Email
login-password = Пароль
login-submit = Войти
login-invalid = Неверный email или пароль.
login-attempts-left = Неверный email или пароль. { $count ->
    [one] Осталась { $count } попытка
    [few] Осталось { $count } попытки
   *[many] Осталось { $count } попыток
}, затем вход будет временно заблокирован.
login-locked = Слишком много неудачных попыток. Вход заблокирован, попробуйте снова через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[many] { $minutes } минут
}.
login-welcome = Добро пожаловать, { $name }!
logout-done = Вы вышли из системы.

profile-title = Ваш профиль
profile-details = Данные
profile-name = Имя
profile-email = Email
profile-role = Роль
profile-lang = Язык
profile-save = Сохранить
profile-saved = Профиль сохранён.
password-title = Смена пароля
password-current = Текущий пароль
password-new = Новый пароль
password-confirm = Новый пароль ещё раз
password-hint = Не короче 10 символов.
password-submit = Сменить пароль
password-changed = Пароль изменён.
tokens-title = API-токены
tokens-intro = Токены позволяют скриптам и интеграциям работать с API Hireloop от вашего имени и с правами вашей роли. Передавайте токен в заголовке «Authorization: Bearer <токен>».
tokens-name = Название токена
tokens-name-hint = Например, «Выгрузка в 1С».
tokens-create = Создать токен
tokens-new-once = Новый токен — ниже. Скопируйте его сейчас: повторно он показан не будет.
tokens-empty = У вас пока нет API-токенов.
tokens-created-at = Создан
tokens-actions = Действия
tokens-revoke = Отозвать
tokens-revoke-confirm = Отозвать этот токен? Интеграции, которые им пользуются, перестанут работать.
token-revoked = Токен отозван.

users-title = Пользователи
users-add = Добавить пользователя
users-name = Имя
users-email = Email
users-role = Роль
users-password = Начальный пароль
users-lang = Язык
users-access = Доступ
users-active = Активен
users-save = Сохранить
users-create-submit = Добавить
user-created = { $name } теперь может войти.
user-updated = { $name }: доступ изменён.
admin-cannot-demote-self = Нельзя снять с себя роль администратора или отключить себя — попросите другого администратора.

dashboard-title = Главная
dashboard-greeting = Здравствуйте, { $name }
dashboard-positions = Вакансии в работе
dashboard-col-position = Вакансия
dashboard-col-target = Целевая дата
dashboard-empty = Открытых вакансий нет. Когда вакансия откроется, здесь появятся её кандидаты по этапам.
dashboard-hint-admin = Сейчас ничего не требует вашего внимания.
dashboard-hint-recruiter = Сейчас ничего не требует вашего внимания.
dashboard-hint-hiring_manager = Сейчас ничего не требует вашего внимания.
dashboard-hint-ceo = Сейчас ничего не требует вашего внимания.
dashboard-hint-interviewer = Здесь появятся назначенные вам интервью и наборы вопросов для оценки.
dashboard-hint-mentor = Ваши стажёры и задачи, которые ждут вашей проверки, — на странице «Стажёры».
dashboard-hint-intern = План по неделям, сроки и даты экзаменов — на странице вашей стажировки.

pagination-label = Страницы
pagination-prev = Назад
pagination-next = Вперёд
pagination-page = Страница { $page } из { $pages }

field-required = Заполните это поле.
field-email-invalid = Введите адрес вида name@agency.ru.
field-email-taken = Пользователь с таким email уже есть.
field-role-invalid = Выберите одну из ролей.
field-password-short = Пароль должен быть не короче { $min ->
    [one] { $min } символа
   *[other] { $min } символов
}.
field-password-wrong = Это не ваш текущий пароль.
field-password-mismatch = Пароли не совпадают.
field-too-long = Не больше { $max ->
    [one] { $max } символа
   *[other] { $max } символов
}.
field-lang-invalid = Выберите русский или английский.

error-csrf = Форма устарела или отправлена с другого сайта. Вернитесь, обновите страницу и попробуйте снова.
error-validation = Некоторые поля нужно исправить.
error-malformed-json = Тело запроса — некорректный JSON: { $detail }
error-json-shape = В теле запроса нет ожидаемых полей или они другого типа: { $detail }
error-back-home = На главную
error-title-400 = Не удалось прочитать запрос
error-detail-400 = Запрос составлен с ошибкой.
error-title-403 = Нет доступа
error-detail-403 = Ваша роль этого не позволяет. Если доступ нужен, обратитесь к администратору.
error-title-404 = Страница не найдена
error-detail-404 = По этому адресу ничего нет. Возможно, страницу переместили или удалили.
error-title-405 = Недопустимый запрос
error-detail-405 = Этот адрес не принимает такой запрос.
error-title-409 = Конфликт
error-detail-409 = В текущем состоянии это сделать нельзя.
error-title-413 = Слишком большой запрос
error-detail-413 = Отправленные данные больше, чем принимает сайт.
error-title-415 = Неподдерживаемый формат
error-detail-415 = Отправьте данные в формате, который принимает сайт.
error-title-422 = Проверьте данные
error-detail-422 = Некоторые поля нужно исправить.
error-title-429 = Слишком много попыток
error-detail-429 = Подождите немного и попробуйте снова.
error-title-500 = Что-то пошло не так
error-detail-500 = Ошибка записана в журнал. Попробуйте ещё раз через минуту; если она повторится, сообщите администратору.
error-title-502 = Внешний сервис ответил ошибкой
error-detail-502 = Сервис, через который работает приложение (например, hh.ru), отказал или недоступен. Здесь ничего не изменилось; попробуйте позже.

grades-title = Грейды и зарплатные вилки
grades-bands = Зарплатные вилки
grades-intro = Месячная зарплата до вычета налогов, которую компания предлагает на каждом грейде. Для оффера вне вилки нужно письменное обоснование.
grades-grade = Грейд
grades-min = От
grades-max = До
grades-currency = Валюта
grades-field-salary_min = от
grades-field-salary_max = до
grades-field-currency = валюта
grades-save = Сохранить
grade-band-saved = Вилка для грейда «{ $grade }» сохранена.
grades-market = Данные рынка
grades-market-source = Источник: { $source }, { $region }, { $date }.
grades-market-salary = Ожидаемая зарплата
grades-market-count = Резюме
grades-market-under = до { $amount }
market-chart-title = Зарплатные вилки грейдов на фоне резюме по ожидаемой зарплате ({ $source }, { $region })
market-chart-axis = Ожидаемая зарплата в месяц, { $currency }
market-chart-cvs = Резюме
market-chart-bands = Зарплатные вилки
market-chart-survey = Опрос { $source }
# A no-break space keeps "70 тыс." on one line.
market-chart-thousands = {"\u00A0"}тыс.
nav-grades = Грейды
field-salary-positive = Значение должно быть больше нуля.
field-salary-min-above-max = «От» не может быть больше «До».
field-currency-invalid = Трёхбуквенный код валюты, например RUB.
field-amount-invalid = Введите целое число, например 120000.

field-grade-invalid = Выберите один из грейдов.
field-reports-to-required = Укажите, кому подчиняется эта должность, например директору по работе с клиентами.
field-headcount-range = От 1 до 100 человек.
field-position-status-invalid = Одно из: draft, open, on_hold, filled, cancelled.
position-stale = Пока вы редактировали, вакансию изменил кто-то другой (теперь это версия { $version }). Обновите страницу и внесите правку заново: ничего не перезаписано.
position-status-refused = Для вакансии в статусе { $status } это действие недоступно. Сейчас можно: { $allowed }.

nav-positions = Вакансии
positions-title = Вакансии
positions-new = Новая вакансия
positions-empty = Вакансий пока нет.
positions-filter-status = Статус
positions-filter-all = Все
positions-filter-apply = Показать
position-profile = Профиль вакансии
position-title = Название
position-grade = Грейд
position-reports-to = Подчиняется
position-reports-to-hint = Место должности в оргструктуре: директор по работе с клиентами, коммерческий директор, директор клиентского сервиса или другой руководитель.
position-headcount = Сколько человек нанять
position-target-date = Целевая дата
position-company = О компании
position-role = Роль и её место
position-duties = Обязанности
position-requirements = Требования
position-conditions = Условия
position-kpis = KPI
position-save = Сохранить
position-create = Создать черновик
position-created = Черновик создан. Заполните профиль и откройте вакансию.
position-saved = Вакансия сохранена.
position-status-label = Статус
position-opened-on = Открыта
position-filled-on = Закрыта
position-time-to-fill = Срок закрытия
position-days = { $calendar ->
    [one] { $calendar } календарный день
    [few] { $calendar } календарных дня
   *[many] { $calendar } календарных дней
}, { $working ->
    [one] { $working } рабочий день
    [few] { $working } рабочих дня
   *[many] { $working } рабочих дней
}
position-action-open = Открыть
position-action-hold = Поставить на паузу
position-action-cancel = Отменить вакансию
position-cancel-confirm = Отменить вакансию окончательно? Все, кто ещё в подборе, получат вежливое письмо об отказе.
position-status-changed = Статус вакансии: { $status }.
field-date-invalid = Введите дату в виде ГГГГ-ММ-ДД.

position-vacancy = Текст вакансии
position-vacancy-hint = Собран из профиля и зарплатной вилки грейда и меняется вместе с профилем. Версия на другом языке доступна через API.

# Idempotency-Key on API POSTs
idempotency-key-invalid = Заголовок Idempotency-Key должен содержать от 1 до 255 символов.
idempotency-key-reused = Этот Idempotency-Key за последние сутки уже использовался для другого запроса. Для нового запроса нужен новый ключ.
idempotency-key-in-flight = Запрос с этим Idempotency-Key ещё обрабатывается. Повторите его чуть позже.
