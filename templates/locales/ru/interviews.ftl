nav-questions = Вопросы
outbox-kind-scorecard_reminder = напоминание об оценке
timeline-interview = назначено интервью
timeline-coverage_override = переведён дальше, несмотря на пробелы в оценках

competency-product = Знание продукта
competency-client_service = Клиентский сервис и фоллоу-ап
competency-consultative_sales = Консультативные продажи
competency-change_management = Управление изменениями
competency-project_management = Управление проектами
competency-finance_paperwork = Финансы и документы
competency-digital_expertise = Digital-экспертиза
competency-communication = Коммуникация
competency-conflict_handling = Работа с конфликтами
competency-stress_multitasking = Стресс и многозадачность
competency-motivation_learning = Мотивация и обучаемость
competency-tools = Инструменты

interview-kind = Вид интервью
interview-kind-screen = Телефонное интервью
interview-kind-competency = Интервью по компетенциям
interview-kind-ceo_fit = Встреча с CEO на культурное соответствие
interview-schedule = Назначить интервью
interview-schedule-title = Интервью: { $name }
interview-schedule-submit = Назначить и разослать приглашения
interview-scheduled = Интервью назначено, приглашения отправляются.
interview-date = Дата
interview-time = Время
interview-time-hint = По Москве.
interview-duration = Длительность, минут
interview-place = Место или ссылка на видеозвонок
interview-place-hint = Адрес с переговорной или ссылка на звонок.
interview-invitations-hint = Кандидат и все интервьюеры получат письмо с приглашением в календарь.
interview-when = Когда
interview-minutes = { $minutes } мин
interview-kit = Набор вопросов
interview-kit-time = Займёт
interview-kit-empty = Для этого вида интервью вопросов нет: настройте набор вопросов вакансии.
interview-at-minute = с { $minute }-й минуты
interview-print = Распечатать

question-guide = На что обратить внимание
question-strong = Сильный ответ:
question-red-flags = Тревожные сигналы:
question-kind = Навык
question-kind-hard = хард-скилл
question-kind-soft = софт-скилл
question-minutes = Минут
question-interviews = Где используется
question-text-ru = Вопрос (по-русски)
question-text-en = Вопрос (по-английски)
question-strong-ru = Сильный ответ (по-русски)
question-strong-en = Сильный ответ (по-английски)
question-red-flags-ru = Тревожные сигналы (по-русски)
question-red-flags-en = Тревожные сигналы (по-английски)
question-follow-ups = Уточняющие вопросы
question-when = Если ответ…
question-probe = …спросить
question-saved = Вопрос добавлен.
question-revised = Сохранено как новая версия; прежние оценки сохранят старую формулировку.
question-retired = Вопрос выведен из наборов; прежние оценки его сохранят.
question-superseded = Эту версию уже заменила новая; правьте самую новую.

bank-title = Банк вопросов
bank-new = Добавить вопрос
bank-edit = Изменить вопрос
bank-edit-hint = При сохранении появится новая версия. Уже назначенные интервью и их оценки сохранят заданную формулировку.
bank-create = Добавить вопрос
bank-save-version = Сохранить новую версию
bank-retire = Вывести из наборов
bank-retire-confirm = Вывести вопрос? Он пропадёт из новых наборов, прежние оценки его сохранят.
bank-empty = Здесь вопросов нет.
bank-count = { $count ->
    [one] { $count } вопрос
    [few] { $count } вопроса
   *[many] { $count } вопросов
}

scorecard-score = Оценка
scorecard-not-asked = не задавали
scorecard-notes = Заметки
scorecard-ratings = Оценка по компетенциям
scorecard-recommendation = Рекомендация
recommendation-strong_no = точно нет
recommendation-no = нет
recommendation-yes = да
recommendation-strong_yes = однозначно да
scorecard-strengths = Сильные стороны
scorecard-concerns = Сомнения
scorecard-overall-notes = Другие заметки
scorecard-save = Сохранить черновик
scorecard-submit = Отправить оценку
scorecard-submit-confirm = Отправить? После этого оценку нельзя изменить.
scorecard-saved = Черновик сохранён.
scorecard-submitted-done = Оценка отправлена. Теперь вам открыты оценки команды.
scorecard-autosave-hint = Черновик сохраняется по ходу заполнения.
scorecard-autosaved = Черновик сохранён.
scorecard-autosave-failed = Не удалось сохранить черновик: проверьте значения и нажмите «Сохранить».
scorecard-locked = Вы отправили эту оценку, она доступна только для чтения.
scorecard-submitted = Оценка уже отправлена и доступна только для чтения.
scorecard-empty = Перед отправкой оцените хотя бы один вопрос или компетенцию.
scorecard-team = Оценки команды
scorecard-blind = Оценка вслепую: оценки коллег откроются, когда вы отправите свою.
scorecard-team-empty = Пока никто не отправил оценку.

profile-link = Профиль компетенций
competency-profile-title = Профиль компетенций: { $name }
profile-competencies = Компетенции
profile-competency = Компетенция
profile-mean = Среднее
profile-range = Мин.–макс.
profile-raters = Оценщиков
profile-disagreement = оценки расходятся
profile-based-on = { $count ->
    [one] По { $count } отправленной оценке.
   *[other] По { $count } отправленным оценкам.
}
profile-empty = Отправленных оценок пока нет.
profile-radar = Профиль на одном графике
profile-coverage = Покрытие
profile-coverage-gaps = У этих компетенций меньше двух независимых оценок:
profile-coverage-complete = У каждой обязательной компетенции есть хотя бы две независимые оценки.
profile-coverage-enforced = Перевод дальше шорт-листа потребует подтверждения, пока они не покрыты; подтверждение записывается.
profile-grade-fit = Соответствие грейду
profile-grade-fit-text = Оценки на уровне «{ $grade }» (в среднем { $overall }), это { $percent }% вилки этого грейда.
profile-suggested-salary = Предлагаемый оффер: { $salary } { $currency }.
profile-suggested = Предлагаемый оффер
profile-interviews = Интервью
profile-no-interviews = Интервью пока не было.
compare-title = Финалисты: { $title }
compare-empty = В шорт-листе и дальше пока никого.

kit-title = Наборы вопросов: { $title }
kit-competencies = Какие компетенции оценивать
kit-competencies-hint = Если ничего не отмечено, учитываются все компетенции. Отмеченные проверяются в воронке: перевод дальше шорт-листа потребует подтверждения, пока у каждой нет двух независимых оценок.
kit-questions = Вопросы
kit-questions-hint = Отмеченные вопросы составят набор для этого вида интервью, в этом порядке. Снимите все отметки, чтобы вернуть набор по умолчанию.
kit-save = Сохранить набор
kit-saved = Набор сохранён.
position-kit = Наборы вопросов
position-compare = Сравнить финалистов
move-override-coverage = Перевести, даже если не все компетенции оценены дважды
coverage-incomplete = Не у всех обязательных компетенций есть две независимые оценки: { $competencies }. Подтвердите, чтобы всё равно перевести кандидата; подтверждение будет записано.

dashboard-interviews = Ваши интервью
dashboard-interviews-none = Ближайших интервью нет.
dashboard-overdue-scorecards = Просроченные оценки
dashboard-overdue-none = Просроченных нет.

field-application-unknown = Такого отклика нет.
field-competency-invalid = Выберите одну из компетенций.
field-interview-kind = Одно из: screen, competency, ceo_fit.
field-interview-duration = От 15 до 240 минут.
field-question-kind = Выберите хард- или софт-скилл.
field-question-interviews = Выберите хотя бы один вид интервью.
field-question-minutes = От 1 до 60 минут.
field-question-follow-up = Добавьте хотя бы один уточняющий вопрос на обоих языках.
field-question-unknown = Одного из вопросов нет в банке.
field-question-not-in-kit = Этого вопроса нет в наборе этого интервью.
field-follow-up-unknown = Этот уточняющий вопрос относится к другому вопросу.
field-score-range = Оценка — целое число от 1 до 5.
field-recommendation = Выберите: точно нет, нет, да или однозначно да.
