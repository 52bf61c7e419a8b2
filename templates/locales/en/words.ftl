email-link-valid-days = { $days ->
    [one] it is valid for { $days } day
   *[other] it is valid for { $days } days
}
email-duration-minutes = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
