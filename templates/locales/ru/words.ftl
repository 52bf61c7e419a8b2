email-link-valid-days = { $days ->
    [one] она действует { $days } день
    [few] она действует { $days } дня
   *[many] она действует { $days } дней
}
email-duration-minutes = { $minutes ->
    [one] { $minutes } минута
    [few] { $minutes } минуты
   *[many] { $minutes } минут
}
