email-link-valid-days = { $days ->
    [one] она действует { $days } день
    [few] она действует { $days } дня
   *[many] она действует { $days } дней
}
