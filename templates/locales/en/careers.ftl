# The careers site (/careers), the job page's facts, the closed-vacancy notice.
careers-title = Careers
careers-heading = Open positions
careers-intro = { $agency }: every open position. Pick one that suits you and apply on its page.
careers-filters = Filter positions
careers-city = City
careers-any-city = Any city
careers-work-format = Work format
careers-any-format = Any format
careers-format-office = Office
careers-format-hybrid = Hybrid
careers-format-remote = Remote
careers-filter = Show
careers-filter-reset = Show all positions
careers-count = { $count ->
    [one] One open position
   *[other] { $count } open positions
}
careers-none = There are no open positions right now. Please look again later.
careers-none-matching = No open positions match these filters.
careers-salary = Pay
careers-all-openings = All open positions
careers-other-openings = See other open positions
careers-closed-title = This vacancy is closed
careers-closed-text = The position “{ $title }” is no longer taking applications.
careers-see-open = See the open positions
careers-required-hint = Fields marked with an asterisk (*) are required.
careers-work-format-invalid = Unknown work format: use office, hybrid or remote.
candidate-lang = Language of emails
