# What big searches need: bounded boards.
board-show-all = Show all { $count }
board-show-all-hint = The board shows the { $shown } waiting longest; the list has them all.
