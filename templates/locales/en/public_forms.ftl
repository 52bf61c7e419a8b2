# Forms that keep what was typed on pages with uploads and on the one-time link pages.
file-choose-again = Choose the file again: a file is not kept when the form comes back with an error.
import-tick-unknown = Row { $value } is not in this file. Tick the rows again from the list.
offer-link-comment-hint = Required when you reject the offer.
