position-vacancy-stale = The salary band changed after this text was edited: it quoted { $min }–{ $max } { $currency }. The job page already shows the current band; update the text to keep it that way when you edit it.
position-vacancy-refresh = Update the salary in the text
position-vacancy-refreshed = The salary in the vacancy text now follows the current band.
