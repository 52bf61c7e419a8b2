position-vacancy-stale = The salary band has changed since this text was edited: the text quotes { $min }–{ $max } { $currency }. The job page already shows the current band; update the salary in the text so that the two match.
position-vacancy-refresh = Update the salary in the text
position-vacancy-refreshed = The salary in the vacancy text now follows the current band.
