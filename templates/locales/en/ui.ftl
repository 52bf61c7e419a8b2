# Keyboard shortcuts on the board, shown under "?".
board-keys-hint = With the keyboard: focus a card with Tab and press ? for shortcuts.
board-keys-title = Keyboard shortcuts on the board
board-keys-forward-back = move the card one stage forward or back
board-keys-stage = move the card to stage 1 (long-list) … 7 (started)
board-keys-next = go to the next or previous card in the column
board-keys-open = open the card's Move form
board-keys-help = show or hide this help

# The user's clock: times on every page are shown in this zone.
profile-timezone = Time zone
profile-timezone-invalid = Choose a time zone from the list.

# The top menu's overflow.
nav-more = More

# Erasing a candidate cannot be undone: a box to tick first, which works without JS too.
candidate-erase-understand = I understand that the personal data is erased for good
candidate-erase-unconfirmed = Nothing was erased: tick the box to confirm first.
