# Импорт кандидатов из CSV и выгрузка списков кандидатов.
candidates-import = Импорт из CSV
candidates-export-csv = Выгрузить CSV
candidates-export-xlsx = Выгрузить XLSX

import-col-full_name = ФИО
import-col-email = Email
import-col-phone = Телефон
import-col-title = Должность
import-col-company = Компания
import-col-expected_salary = Ожидаемая зарплата
import-col-currency = Валюта
import-col-link = Ссылка
import-col-source = Источник

import-field-full_name = ФИО
import-field-email = Email
import-field-phone = Телефон
import-field-current_title = Должность
import-field-current_company = Компания
import-field-expected_salary = Ожидаемая зарплата
import-field-currency = Валюта
import-field-links = Ссылка
import-field-source = Источник

import-name-missing = Не указано имя.
import-email-invalid = Это не адрес электронной почты.
import-phone-invalid = Это не номер телефона.
import-salary-invalid = Это не сумма; напишите целое число, например 150000.
import-currency-invalid = Это не валюта; укажите трёхбуквенный код, например RUB.
import-field-too-long = Слишком длинное значение.

import-file-empty = В файле нет строк с кандидатами.
import-no-name-column = Не найден столбец с именем. В первой строке должны быть названия столбцов, один из них — «ФИО» или «Name».
import-file-too-big = Файл слишком большой: не больше 20 МБ и 50 000 строк.
import-file-not-csv = Это не CSV-файл. Сохраните таблицу как CSV (UTF-8 или Windows-1251) и загрузите его.
import-consent-required = Подтвердите, на каком основании обрабатываются данные этих людей.
import-encoding-invalid = Выберите: автоматически, UTF-8 или Windows-1251.
import-not-previewing = Этот импорт уже не ждёт подтверждения.
import-line-unknown = В файле нет строки { $line }.

import-title = Импорт кандидатов
import-intro = Загрузите CSV-выгрузку с сайта вакансий или из таблицы, не больше { $max ->
    [one] { $max } строки
   *[other] { $max } строк
}. Столбцы распознаются по заголовкам на русском или английском: ФИО, email, телефон, должность, компания, ожидаемая зарплата, валюта, ссылка, источник. Прежде чем что-то сохранить, вы увидите каждую строку.
import-file = Файл
import-file-hint = CSV с «,» или «;» между столбцами; UTF-8 или Windows-1251.
import-encoding = Кодировка
import-encoding-auto = Определить автоматически
import-encoding-utf-8 = UTF-8
import-encoding-windows-1251 = Windows-1251 (кириллица)
import-position = Добавить всех в лонг-лист вакансии
import-consent-legend = Согласие на обработку персональных данных
import-consent-confirm = Подтверждаю, что эти люди согласились на обработку их данных для наших вакансий (записывается с основанием «импорт»).
import-consent-version = Версия текста согласия
import-consent-version-hint = Версия текста, с которым они согласились; если не знаете точно, оставьте текущую.
import-upload = Загрузить и просмотреть
import-recent = Последние импорты
import-state = Состояние
import-rows = Строки
import-when = Загружен
import-state-previewing = ждёт подтверждения
import-state-importing = идёт импорт
import-state-done = готово

import-batch-title = Импорт файла { $file }
import-count-total = { $count ->
    [one] { $count } строка
    [few] { $count } строки
   *[many] { $count } строк
}
import-count-new = новых: { $count }
import-count-duplicate = уже есть в базе: { $count }
import-count-in_file = повторяются в файле: { $count }
import-count-error = с ошибками: { $count }
import-progress = Импортировано { $processed } из { $selected }
import-refresh = Обновить, чтобы увидеть ход импорта
import-done-summary = Готово. Добавлено: { $created }; уже были в базе и связаны: { $linked }.
import-tick = Импорт
import-tick-row = Импортировать строку { $line }
import-line = Строка
import-row-status = Статус
import-messages = Ошибки
import-status-new = новый
import-status-duplicate = уже есть в базе
import-status-in_file = повторяет строку выше
import-status-error = ошибка
import-existing = открыть карточку
import-earlier-line = как в строке { $line }
import-outcome-created = добавлен
import-outcome-linked = связан
import-selected = { $count ->
    [one] Для импорта выбрана { $count } строка.
    [few] Для импорта выбраны { $count } строки.
   *[many] Для импорта выбрано { $count } строк.
}
import-save-ticks = Сохранить выбор
import-confirm = Импортировать выбранные строки
import-cancel = Отменить импорт
import-cancel-question = Отменить этот импорт? Из него ничего не сохранится.
import-done-flash = Импорт завершён: добавлено { $created }, связано { $linked }.
import-started-flash = Импорт идёт; на этой странице виден его ход.
import-ticks-saved = Выбор сохранён.
import-cancelled = Импорт отменён, ничего не сохранено.
