# CSV import of candidates and export of candidate lists.
candidates-import = Import from CSV
candidates-export-csv = Export CSV
candidates-export-xlsx = Export XLSX

import-col-full_name = Name
import-col-email = Email
import-col-phone = Phone
import-col-title = Title
import-col-company = Company
import-col-expected_salary = Expected salary
import-col-currency = Currency
import-col-link = Link
import-col-source = Source

import-field-full_name = Name
import-field-email = Email
import-field-phone = Phone
import-field-current_title = Title
import-field-current_company = Company
import-field-expected_salary = Expected salary
import-field-currency = Currency
import-field-links = Link
import-field-source = Source

import-name-missing = The name is missing.
import-email-invalid = Not an email address.
import-phone-invalid = Not a phone number.
import-salary-invalid = Not an amount; write a whole number such as 150000.
import-currency-invalid = Not a currency; use a three-letter code such as RUB.
import-field-too-long = Too long.

import-file-empty = The file has no rows of candidates.
import-no-name-column = No name column found. The first line must name the columns, one of them "Name" or "ФИО".
import-file-too-big = The file is too large: at most 20 MB and 50,000 rows.
import-file-not-csv = This is not a CSV file. Save the sheet as CSV (UTF-8 or Windows-1251) and upload that.
import-consent-required = Confirm on what basis these people's data is processed.
import-encoding-invalid = Choose automatic, UTF-8 or Windows-1251.
import-not-previewing = This import is no longer waiting for confirmation.
import-line-unknown = The file has no line { $line }.

import-title = Import candidates
import-intro = Upload a CSV export from a job board or a spreadsheet, at most { $max ->
    [one] { $max } row
   *[other] { $max } rows
}. Columns are recognised by their headings in English or Russian: name, email, phone, title, company, expected salary, currency, link, source. You will see every row before anything is imported.
import-file = File
import-file-hint = CSV with "," or ";" between columns; UTF-8 or Windows-1251.
import-encoding = Encoding
import-encoding-auto = Detect automatically
import-encoding-utf-8 = UTF-8
import-encoding-windows-1251 = Windows-1251 (Cyrillic)
import-position = Put everyone on the long-list of
import-consent-legend = Consent to personal-data processing
import-consent-confirm = I confirm these people agreed to the processing of their data for our positions (recorded with basis "import").
import-consent-version = Consent text version
import-consent-version-hint = The version of the wording they agreed to; keep the current one unless you know otherwise.
import-upload = Upload and preview
import-recent = Recent imports
import-state = State
import-rows = Rows
import-when = Uploaded
import-state-previewing = waiting for confirmation
import-state-importing = importing
import-state-done = done

import-batch-title = Import of { $file }
import-count-total = { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
import-count-new = new: { $count }
import-count-duplicate = already here: { $count }
import-count-in_file = repeated in the file: { $count }
import-count-error = with errors: { $count }
import-progress = Imported { $processed } of { $selected }
import-refresh = Refresh to see progress
import-done-summary = Done. Added: { $created }; already here and linked: { $linked }.
import-tick = Import
import-tick-row = Import line { $line }
import-line = Line
import-row-status = Status
import-messages = Problems
import-status-new = new
import-status-duplicate = already here
import-status-in_file = repeats an earlier line
import-status-error = error
import-existing = open the person
import-earlier-line = same as line { $line }
import-outcome-created = added
import-outcome-linked = linked
import-selected = { $count ->
    [one] { $count } row chosen for import.
   *[other] { $count } rows chosen for import.
}
import-save-ticks = Save choice
import-confirm = Import the chosen rows
import-cancel = Cancel the import
import-cancel-question = Cancel this import? Nothing from it will be saved.
import-done-flash = Imported: { $created } added, { $linked } linked.
import-started-flash = The import is running; this page shows its progress.
import-ticks-saved = Choice saved.
import-cancelled = The import was cancelled; nothing was saved.
