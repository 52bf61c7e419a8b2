# A position's board: narrowing the cards, picking several, the move dialog.
board-filter-legend = Which cards to show
board-filter-source = Source
board-filter-owner = Owner
board-filter-anyone = Anyone
board-filter-overdue = Only people due a follow-up (today or earlier)
board-filter-apply = Show
board-filter-reset = Clear filters
board-filter-on = Some cards are hidden by the filters.
board-filter-owner-hint = Whoever added the candidate; people who applied on their own belong to the position's recruiter.

board-select-one = Select { $name }
board-bulk-legend = Ticked cards
board-bulk-hint = Tick cards, choose where they go and press “Next”: you will see who moves and who gets an email before anything happens.
board-bulk-submit = Next

board-follow-up-on = follow up { $date }
board-hint-select = Drag a card to another column, open “Move” on a card, or tick several cards to move them together. Cards that sit in a stage too long are marked stale.

board-dialog-title = Move a card
board-dialog-who = { $name }: to “{ $stage }”
board-dialog-reason = Why is it going back a step?
board-dialog-reason-hint = Pick a suggestion or write your own words.
board-dialog-date = First working day
board-dialog-submit = Move
board-dialog-cancel = Cancel
