# Typed input that survives an error, pages that edit one part of a record, the duplicate merge.
forms-not-saved = Nothing was saved yet: { $problems }
forms-edit-profile = Edit profile
forms-edit-team = Edit team
forms-edit-vacancy = Edit text
forms-cancel-edit = Back without saving
forms-merge-what = What you typed is kept on their card:
forms-merge-contacts = The typed email and phone
forms-merge-add = Add them as further contacts
forms-merge-primary = Make them the primary contacts (the current ones stay as further contacts)
forms-merge-submit = Add to the existing card
forms-merged = Added to the existing card: the typed contacts and note are on it now.
forms-merged-and-added = Added to the existing card and put on the position: the typed contacts and note are on it now.
forms-further-contacts = Further contacts
timeline-merged = details typed for a new card added as further contacts
timeline-merged_primary = details typed for a new card made the primary contacts
