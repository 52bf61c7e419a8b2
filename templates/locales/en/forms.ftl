# Typed input that survives an error, pages that edit one part of a record, the duplicate merge.
forms-not-saved = Nothing was saved yet: correct the fields marked below and send the form again.
forms-edit-profile = Edit profile
forms-edit-team = Edit team
forms-edit-vacancy = Edit text
forms-cancel-edit = Back without saving
