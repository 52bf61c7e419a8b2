# Доска позиции: отбор карточек, выбор нескольких, окно перемещения.
board-filter-legend = Какие карточки показать
board-filter-source = Источник
board-filter-owner = Ответственный
board-filter-anyone = Все
board-filter-overdue = Только те, с кем пора связаться (сегодня или раньше)
board-filter-apply = Показать
board-filter-reset = Сбросить отбор
board-filter-on = Показаны не все карточки: включён отбор.
board-filter-owner-hint = Тот, кто добавил кандидата; откликнувшиеся сами закреплены за рекрутером позиции.

board-select-one = Выбрать: { $name }
board-bulk-legend = Отмеченные карточки
board-bulk-hint = Отметьте карточки, выберите, куда их перевести, и нажмите «Дальше»: сначала покажем, кто переместится и кому уйдёт письмо.
board-bulk-submit = Дальше

board-follow-up-on = связаться { $date }
board-hint-select = Перетащите карточку в другую колонку, откройте «Переместить» на карточке или отметьте несколько карточек флажками. Карточки, которые слишком долго стоят на одном этапе, помечены «без движения».

board-dialog-title = Перевести карточку
board-dialog-who = { $name }: на этап «{ $stage }»
board-dialog-reason = Почему возвращаем на шаг назад?
board-dialog-reason-hint = Выберите из подсказок или напишите своими словами.
board-dialog-date = Первый рабочий день
board-dialog-submit = Перевести
board-dialog-cancel = Отмена
