# The careers site (/careers), the job page's facts, the closed-vacancy notice.
careers-title = Вакансии
careers-heading = Открытые вакансии
careers-intro = { $agency }: все открытые вакансии. Выберите подходящую и откликнитесь на её странице.
careers-filters = Отбор вакансий
careers-city = Город
careers-any-city = Любой город
careers-work-format = Формат работы
careers-any-format = Любой формат
careers-format-office = В офисе
careers-format-hybrid = Гибридный формат
careers-format-remote = Удалённо
careers-filter = Показать
careers-filter-reset = Показать все вакансии
careers-count = { $count ->
    [one] { $count } открытая вакансия
    [few] { $count } открытые вакансии
   *[many] { $count } открытых вакансий
}
careers-none = Сейчас открытых вакансий нет. Загляните позже.
careers-none-matching = Под выбранные условия вакансий нет.
careers-salary = Доход
careers-all-openings = Все вакансии
careers-other-openings = Посмотреть другие вакансии
careers-closed-title = Вакансия закрыта
careers-closed-text = Набор на вакансию «{ $title }» закрыт, отклики на неё больше не принимаются.
careers-see-open = Открытые вакансии
careers-required-hint = Поля со звёздочкой (*) обязательны.
careers-work-format-invalid = Неизвестный формат работы.
candidate-lang = Язык писем
