# The header on a phone: the whole menu folds under one button.
nav-phone-menu = Меню
nav-phone-label = Меню разделов
