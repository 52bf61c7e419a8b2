//! The words generated data is made of: names, companies, job titles, sources and grades,
//! and the draws that pick from them.

use rand::Rng;
use rand::rngs::StdRng;

const FIRST_NAMES: &[&str] = &[
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Ирина",
    "Светлана",
    "Татьяна",
    "Юлия",
    "Дарья",
    "Алексей",
    "Дмитрий",
    "Сергей",
    "Андрей",
    "Иван",
    "Михаил",
    "Павел",
    "Артём",
    "Никита",
    "Егор",
    "Anna",
    "Maria",
    "Elena",
    "Olga",
    "Ivan",
    "Dmitry",
    "Sergey",
    "Alexey",
];
const LAST_NAMES: &[&str] = &[
    "Иванова",
    "Смирнова",
    "Кузнецова",
    "Попова",
    "Васильева",
    "Петрова",
    "Соколова",
    "Михайлова",
    "Новикова",
    "Фёдорова",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Orlova",
    "Volkova",
    "Sokolov",
    "Morozov",
    "Lebedev",
    "Kozlov",
];
pub(super) const COMPANIES: &[&str] = &[
    "Ашманов и партнёры",
    "Ingate",
    "Demis Group",
    "Kokoc Group",
    "MediaGuru",
    "Бюро Горбунова",
    "Студия Лебедева",
    "Артикс",
    "Digital Lab",
    "Webit",
    "Rocket Agency",
    "Сайтсофт",
    "Red Keds",
    "Intelsib",
    "i-Media",
];
pub(super) const TITLES: &[&str] = &[
    "Аккаунт-менеджер",
    "Младший аккаунт-менеджер",
    "Менеджер по работе с клиентами",
    "Account manager",
    "Project manager",
    "Руководитель группы аккаунтов",
    "Специалист по контекстной рекламе",
    "SEO-специалист",
];
pub(super) const SOURCES: &[(&str, u32)] = &[
    ("job_board", 45),
    ("cold_search", 20),
    ("referral", 15),
    ("job_page", 10),
    ("agency", 5),
    ("other", 5),
];
pub(super) const GRADES: &[&str] = &["junior", "middle", "senior", "intern", "group_head"];

pub(super) fn person_name(rng: &mut StdRng) -> String {
    format!(
        "{} {}",
        FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())],
        LAST_NAMES[rng.random_range(0..LAST_NAMES.len())]
    )
}

pub(super) fn pick_from(rng: &mut StdRng, ids: &[i32]) -> String {
    if ids.is_empty() {
        "NULL".into()
    } else {
        ids[rng.random_range(0..ids.len())].to_string()
    }
}

pub(super) fn weighted<T: Copy>(rng: &mut StdRng, choices: &[(T, u32)]) -> T {
    let total: u32 = choices.iter().map(|c| c.1).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (value, weight) in choices {
        if roll < *weight {
            return *value;
        }
        roll -= weight;
    }
    choices[0].0
}
