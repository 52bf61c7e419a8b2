# Files in and out: the import's and the export's words beyond the candidate's own fields.

csv-col-stage = Этап
import-field-stage = Этап
csv-stage-invalid = Такого этапа нет; напишите, как в выгрузке, например «Шорт-лист».
csv-stage-hint = Этап из файла показан для сверки; на вакансию импорт добавляет людей в лонг-лист.
