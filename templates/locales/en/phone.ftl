# The header on a phone: the whole menu folds under one button.
nav-phone-menu = Menu
nav-phone-label = Sections
