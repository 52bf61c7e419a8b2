//! Files as people's spreadsheets make them: the app's own export (in the reader's language,
//! with labels and the reader's separator) reads back to the same sources and stages;
//! Windows-1251 with `;` and UTF-8 with a BOM import with the right names; XLSX phones are
//! text cells without an apostrophe.

use std::io::Read;

use hireloop::entities::{application, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use super::*;
use crate::helpers::open_position;

/// Every source, each with an application moved (in the database: the flow's own rules are
/// tested elsewhere) to a different stage, ended ones included.
const PEOPLE: [(&str, &str, &str, &str); 6] = [
    ("Анна Петрова", "anna@mail.ru", "job_board", "long_list"),
    ("Борис Иванов", "boris@mail.ru", "job_page", "short_list"),
    ("Вера Смирнова", "vera@mail.ru", "referral", "ceo_interview"),
    ("Глеб Орлов", "gleb@mail.ru", "cold_search", "offer"),
    ("Дарья Ёлкина", "darya@mail.ru", "agency", "rejected"),
    ("Егор Панин", "egor@mail.ru", "other", "withdrawn"),
];

async fn people_on_a_position(app: &TestApp, token: &str) {
    let position = open_position(app, token, "Аккаунт-менеджер").await;
    for (index, (name, email, source, stage)) in PEOPLE.into_iter().enumerate() {
        let person = add_person(
            app,
            token,
            json!({"full_name": name, "email": email, "source": source,
                   "phone": format!("+7 916 000-00-0{index}")}),
        )
        .await;
        let (status, created) = call(
            app,
            Method::POST,
            "/applications",
            token,
            json!({"candidate_id": person, "position_id": position, "source": source}),
        )
        .await;
        assert_eq!(status, 201, "{created}");
        let mut moved: application::ActiveModel =
            application::Entity::find_by_id(created["id"].as_i64().unwrap() as i32)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .into();
        moved.stage = Set(stage.to_owned());
        moved.update(&app.db).await.unwrap();
    }
}

/// A recruiter's token, reading in `lang`.
async fn recruiter_reading(app: &TestApp, lang: &str) -> String {
    let token = app.token_for("recruiter").await;
    let (_, me) = call(app, Method::GET, "/me", &token, json!(null)).await;
    let mut reader: user::ActiveModel = user::Entity::find_by_id(me["id"].as_i64().unwrap() as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    reader.lang = Set(lang.to_owned());
    reader.update(&app.db).await.unwrap();
    token
}

async fn export(app: &TestApp, token: &str, format: &str) -> Vec<u8> {
    let response = app
        .api(Method::GET, &format!("/candidates?format={format}"), token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

async fn own_export_reads_back(lang: &str, heading: &str, labels: [&str; 2]) {
    let app = spawn_app().await;
    let token = recruiter_reading(&app, lang).await;
    people_on_a_position(&app, &token).await;
    let csv = export(&app, &token, "csv").await;
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(heading), "{text}");
    for label in labels {
        assert!(text.contains(label), "{label} in {text}");
    }
    // Codes are not what a person reads.
    assert!(
        !text.contains("job_board") && !text.contains("short_list"),
        "{text}"
    );

    let (status, preview) = upload(&app, &token, &csv, "consent=true").await;
    assert_eq!(status, 201, "{preview}");
    assert_eq!(
        preview["counts"],
        json!({"new": 0, "duplicate": 6, "in_file": 0, "error": 0}),
        "{preview}"
    );
    for (name, email, source, stage) in PEOPLE {
        let line = preview["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["email"] == email)
            .unwrap_or_else(|| panic!("{email} in {preview}"));
        assert_eq!(line["full_name"], name);
        assert_eq!(line["source"], source, "{line}");
        assert_eq!(line["stage"], stage, "{line}");
        assert_eq!(line["errors"], json!([]), "{line}");
    }
}

#[tokio::test]
async fn a_russian_export_uses_semicolons_and_labels_and_reads_back_the_same() {
    own_export_reads_back(
        "ru",
        "ФИО;Email;Телефон;Должность;Компания;Ожидаемая зарплата;Валюта;Ссылка;Источник;Этап",
        [
            ";Сайт вакансий;Лонг-лист",
            ";Наша страница вакансии;Шорт-лист",
        ],
    )
    .await;
}

#[tokio::test]
async fn an_english_export_uses_commas_and_labels_and_reads_back_the_same() {
    own_export_reads_back(
        "en",
        "Name,Email,Phone,Title,Company,Expected salary,Currency,Link,Source,Stage",
        [",Job board,Long-list", ",Our job page,Short-list"],
    )
    .await;
}

#[tokio::test]
async fn a_windows_1251_file_with_semicolons_imports_with_the_right_names() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let file = "ФИО;Email;Телефон;Источник;Этап\n\
                Анна Щёголева;anna@mail.ru;8 916 111-11-11;Сайт вакансий;шорт-лист\n\
                Борис Иванов, мл.;boris@mail.ru;;Рекомендация;\n";
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1251.encode(file);
    assert!(!lossy && std::str::from_utf8(&bytes).is_err());
    let (status, preview) = upload(&app, &token, &bytes, "consent=true").await;
    assert_eq!(status, 201, "{preview}");
    assert_eq!(preview["encoding"], "windows-1251");
    assert_eq!(row(&preview, 2)["full_name"], "Анна Щёголева");
    assert_eq!(row(&preview, 2)["source"], "job_board");
    assert_eq!(row(&preview, 2)["stage"], "short_list");
    assert_eq!(row(&preview, 3)["full_name"], "Борис Иванов, мл.");
    let id = preview["id"].as_i64().unwrap();
    let (status, done) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    let anna = find_by_email(&app, "anna@mail.ru").await.unwrap();
    assert_eq!(anna.full_name, "Анна Щёголева");
    assert_eq!(anna.phone.as_deref(), Some("+79161111111"));
    assert_eq!(anna.source.as_deref(), Some("job_board"));
    let boris = find_by_email(&app, "boris@mail.ru").await.unwrap();
    assert_eq!(boris.full_name, "Борис Иванов, мл.");
    assert_eq!(boris.source.as_deref(), Some("referral"));
}

#[tokio::test]
async fn a_utf8_file_with_a_bom_imports() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let file = "\u{feff}Name,Email,Source,Stage\nЖанна Ёрш,zhanna@mail.ru,Our job page,Long-list\n";
    let (status, preview) = upload(&app, &token, file.as_bytes(), "consent=true").await;
    assert_eq!(status, 201, "{preview}");
    assert_eq!(preview["encoding"], "utf-8");
    assert_eq!(row(&preview, 2)["errors"], json!([]));
    let id = preview["id"].as_i64().unwrap();
    let (status, done) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["created_rows"], 1);
    let zhanna = find_by_email(&app, "zhanna@mail.ru").await.unwrap();
    assert_eq!(zhanna.full_name, "Жанна Ёрш");
    assert_eq!(zhanna.source.as_deref(), Some("job_page"));
}

#[tokio::test]
async fn an_unknown_stage_is_a_message_on_its_line() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let file = "ФИО;Этап\nАнна;думает\nБорис;Оффер\n";
    let (status, preview) = upload(&app, &token, file.as_bytes(), "consent=true").await;
    assert_eq!(status, 201, "{preview}");
    let errors = row(&preview, 2)["errors"].as_array().unwrap().clone();
    assert_eq!(errors.len(), 1, "{preview}");
    assert_eq!(errors[0]["field"], "stage");
    assert!(errors[0]["message"].as_str().unwrap().contains("Шорт-лист"));
    assert_eq!(row(&preview, 3)["stage"], "offer");
    assert_eq!(row(&preview, 3)["errors"], json!([]));
}

/// The file of an XLSX workbook's zip archive.
fn part(workbook: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[tokio::test]
async fn xlsx_phones_and_formula_like_text_are_string_cells_without_an_apostrophe() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    add_person(
        &app,
        &token,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.ru", "phone": "8 916 111-11-11",
               "current_company": "=HYPERLINK(\"x\")"}),
    )
    .await;
    let workbook = export(&app, &token, "xlsx").await;
    let sheet = part(&workbook, "xl/worksheets/sheet1.xml");
    // The phone is the third column of the first data row.
    let cell = sheet
        .split("<c ")
        .find(|c| c.starts_with("r=\"C2\""))
        .unwrap_or_else(|| panic!("no C2 in {sheet}"));
    assert!(
        cell.contains("t=\"s\"") || cell.contains("t=\"inlineStr\""),
        "{cell}"
    );
    assert!(!sheet.contains("<f>"), "nothing is a formula: {sheet}");
    let strings = part(&workbook, "xl/sharedStrings.xml");
    assert!(strings.contains("<t>+79161111111</t>"), "{strings}");
    assert!(strings.contains("<t>=HYPERLINK("), "{strings}");
    assert!(!strings.contains('\''), "no apostrophe anywhere: {strings}");
    // Formula-like text carries Excel's own text mark, so editing the cell keeps it text.
    let styles = part(&workbook, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
}
