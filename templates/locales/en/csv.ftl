# Files in and out: the import's and the export's words beyond the candidate's own fields.

csv-col-stage = Stage
import-field-stage = Stage
csv-stage-invalid = No such stage; write it as the export does, such as “Short-list”.
csv-stage-hint = The file's stage is shown for checking; an import onto a position puts people on its long-list.
