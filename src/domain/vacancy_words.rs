//! The words a vacancy text says on its own, in both languages: what each grade means to a
//! candidate, whom the role reports to, the city in English. A field a person typed is never
//! put inside a sentence (its case would be wrong); these phrases are, so each is written here
//! in the form its sentence needs. Russian phrases hold no Latin letters and English ones no
//! Cyrillic, which the tests below check for every entry.

use super::role_variant::RoleVariant;

/// A letter of the Cyrillic script (the main block, its supplement and extensions).
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

pub fn has_cyrillic(text: &str) -> bool {
    text.chars().any(is_cyrillic)
}

/// The lead paragraph a vacancy opens with: what the grade means for the person who takes the
/// job. It never names the position, whose title the job page already shows as its heading.
pub fn grade_lead(grade: &str, english: bool) -> Option<&'static str> {
    Some(match (grade, english) {
        ("intern", false) => {
            "Позиция для начала карьеры в работе с клиентами: первый месяц вы учитесь вместе с \
             наставником, затем сдаёте экзамен и защищаете план работы по своему первому проекту."
        }
        ("intern", true) => {
            "A place to start a career in client service: for the first month you learn alongside \
             a mentor, then take an exam and present a work plan for your first project."
        }
        ("junior", false) => {
            "Позиция для тех, кто уже немного поработал с клиентами и хочет расти: первые проекты \
             вы ведёте при поддержке опытного коллеги."
        }
        ("junior", true) => {
            "For someone who has already worked with clients a little and wants to grow: you run \
             your first projects with the support of an experienced colleague."
        }
        ("middle", false) => {
            "Вы самостоятельно ведёте свой портфель клиентов и отвечаете за их результат, \
             удержание и рост."
        }
        ("middle", true) => {
            "You run your own portfolio of clients and answer for their results, retention and \
             growth."
        }
        ("senior", false) => {
            "Вы ведёте ключевых клиентов агентства, готовите предложения по развитию их проектов \
             и помогаете младшим коллегам."
        }
        ("senior", true) => {
            "You look after the agency's key clients, prepare proposals to grow their projects \
             and support junior colleagues."
        }
        ("group_head", false) => {
            "Вы руководите группой аккаунт-менеджеров: распределяете клиентов, развиваете команду \
             и отвечаете за результат группы."
        }
        ("group_head", true) => {
            "You lead a group of account managers: you assign clients, develop the team and answer \
             for the group's results."
        }
        ("director", false) => {
            "Вы руководите клиентским отделом агентства: руководители групп, стандарты сервиса, \
             удержание и рост клиентов."
        }
        ("director", true) => {
            "You lead the agency's client service: the group heads, the service standards, client \
             retention and growth."
        }
        _ => return None,
    })
}

/// What a role variant adds to the vacancy, as Markdown list items: under the duties and
/// under the requirements, after whatever the profile says there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VariantLines {
    pub duties: &'static str,
    pub requirements: &'static str,
}

/// The plain account manager adds nothing; the other variants say what the role also covers.
/// Each language is written on its own, not translated line by line.
pub fn variant_lines(variant: RoleVariant, english: bool) -> Option<VariantLines> {
    Some(match (variant, english) {
        (RoleVariant::Account, _) => return None,
        (RoleVariant::AccountProject, false) => VariantLines {
            duties: "- Планировать работы по проектам клиентов: ставить задачи специалистам, \
                     держать приоритеты и сроки\n\
                     - Вести бюджеты и медиапланы, следить за рентабельностью проектов, выставлять \
                     счета и закрывать акты",
            requirements: "- Опыт управления проектами: умеете расставлять приоритеты и добиваться \
                           ресурсов у команды\n\
                           - Уверенно обращаетесь с деньгами проекта: бюджет, рентабельность, \
                           закрывающие документы",
        },
        (RoleVariant::AccountProject, true) => VariantLines {
            duties: "- Plan the work on clients' projects: brief the specialists and keep \
                     priorities and deadlines on track\n\
                     - Own project budgets and media plans, watch each project's margin, raise \
                     invoices and close out the paperwork",
            requirements: "- Hands-on project management: you set priorities and win the \
                           resources the work needs\n\
                           - At ease with a project's money: budget, margin, closing documents",
        },
        (RoleVariant::SalesAccount, false) => VariantLines {
            duties: "- Предлагать клиентам новые услуги агентства: допродажи и кросс-продажи\n\
                     - Готовить коммерческие предложения, вести переговоры и доводить сделки \
                     до договора",
            requirements: "- Опыт консультативных продаж: сначала выясняете задачу клиента, \
                           потом предлагаете решение\n\
                           - Уверенно ведёте переговоры и деловую переписку",
        },
        (RoleVariant::SalesAccount, true) => VariantLines {
            duties: "- Grow each account by selling further services: up-sell and cross-sell\n\
                     - Write commercial proposals, negotiate and carry deals through to a \
                     signed contract",
            requirements: "- A consultative seller: you find out what the client needs before \
                           you propose anything\n\
                           - Confident in negotiation and in business writing",
        },
    })
}

/// A head a position commonly reports to (DOMAIN.md, step 0), with the forms a sentence needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    /// As a person writes it in a Russian profile: «Директор по работе с клиентами».
    pub russian: &'static str,
    /// Dative, for «Вы будете подчиняться …».
    pub russian_dative: &'static str,
    pub english: &'static str,
}

pub const HEADS: [Head; 5] = [
    Head {
        russian: "Директор по работе с клиентами",
        russian_dative: "директору по работе с клиентами",
        english: "Account Director",
    },
    Head {
        russian: "Коммерческий директор",
        russian_dative: "коммерческому директору",
        english: "Commercial Director",
    },
    Head {
        russian: "Директор клиентского сервиса",
        russian_dative: "директору клиентского сервиса",
        english: "Client Service Director",
    },
    Head {
        russian: "Руководитель группы",
        russian_dative: "руководителю группы",
        english: "Group Head",
    },
    Head {
        russian: "Генеральный директор",
        russian_dative: "генеральному директору",
        english: "CEO",
    },
];

/// Lower case, `ё` as `е`, single spaces, no final full stop: how two spellings are compared.
fn folded(text: &str) -> String {
    let lower = text
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace('ё', "е");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The known head `typed` names, in either language.
pub fn head(typed: &str) -> Option<Head> {
    let typed = folded(typed);
    if typed.is_empty() {
        return None;
    }
    HEADS
        .into_iter()
        .find(|h| folded(h.russian) == typed || folded(h.english) == typed)
}

/// Cities candidates most often see, by their usual English names.
const CITIES: [(&str, &str); 24] = [
    ("москва", "Moscow"),
    ("санкт-петербург", "Saint Petersburg"),
    ("петербург", "Saint Petersburg"),
    ("спб", "Saint Petersburg"),
    ("новосибирск", "Novosibirsk"),
    ("екатеринбург", "Yekaterinburg"),
    ("казань", "Kazan"),
    ("нижний новгород", "Nizhny Novgorod"),
    ("челябинск", "Chelyabinsk"),
    ("самара", "Samara"),
    ("уфа", "Ufa"),
    ("ростов-на-дону", "Rostov-on-Don"),
    ("краснодар", "Krasnodar"),
    ("омск", "Omsk"),
    ("воронеж", "Voronezh"),
    ("пермь", "Perm"),
    ("волгоград", "Volgograd"),
    ("тюмень", "Tyumen"),
    ("калининград", "Kaliningrad"),
    ("сочи", "Sochi"),
    ("минск", "Minsk"),
    ("алматы", "Almaty"),
    ("ереван", "Yerevan"),
    ("тбилиси", "Tbilisi"),
];

/// The city as an English text names it: its usual English name, or its letters transliterated;
/// a city already written in Latin letters stays as it is. Several cities may be listed with
/// commas. Never holds a Cyrillic letter.
pub fn city_in_english(city: &str) -> String {
    city.split(',')
        .map(|part| {
            let part = part.trim();
            let bare = part
                .strip_prefix("г.")
                .or_else(|| part.strip_prefix("город "))
                .unwrap_or(part)
                .trim();
            let key = folded(bare);
            CITIES
                .iter()
                .find(|(russian, _)| *russian == key)
                .map(|(_, english)| (*english).to_owned())
                .unwrap_or_else(|| transliterate(bare))
        })
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Russian letters in Latin ones, keeping capitals; other Cyrillic letters are left out.
fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !is_cyrillic(c) {
            out.push(c);
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let latin = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' | 'ы' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ю' => "yu",
            'я' => "ya",
            'і' => "i",
            'ї' => "yi",
            'є' => "ye",
            'ґ' => "g",
            _ => "",
        };
        if c != lower {
            let mut letters = latin.chars();
            if let Some(first) = letters.next() {
                out.extend(first.to_uppercase());
                out.push_str(letters.as_str());
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRADES: [&str; 6] = [
        "intern",
        "junior",
        "middle",
        "senior",
        "group_head",
        "director",
    ];

    fn has_latin(text: &str) -> bool {
        text.chars().any(|c| c.is_ascii_alphabetic())
    }

    #[test]
    fn every_grade_has_a_lead_in_each_language_written_in_its_own_script() {
        for grade in GRADES {
            let russian = grade_lead(grade, false).unwrap();
            let english = grade_lead(grade, true).unwrap();
            assert!(!has_latin(russian), "{russian}");
            assert!(!has_cyrillic(english), "{english}");
        }
        assert_eq!(grade_lead("astronaut", false), None);
    }

    #[test]
    fn variant_lines_are_written_in_their_own_script_and_only_for_the_wider_roles() {
        assert_eq!(variant_lines(RoleVariant::Account, false), None);
        for variant in [RoleVariant::AccountProject, RoleVariant::SalesAccount] {
            let russian = variant_lines(variant, false).unwrap();
            let english = variant_lines(variant, true).unwrap();
            for text in [russian.duties, russian.requirements] {
                assert!(!has_latin(text), "{text}");
                assert!(text.lines().all(|l| l.starts_with("- ")), "{text}");
            }
            for text in [english.duties, english.requirements] {
                assert!(!has_cyrillic(text), "{text}");
                assert!(text.lines().all(|l| l.starts_with("- ")), "{text}");
            }
        }
    }

    #[test]
    fn a_head_is_recognised_in_either_language_and_spelling() {
        let account = head("Account Director").unwrap();
        assert_eq!(account.russian_dative, "директору по работе с клиентами");
        assert_eq!(head(" директор  по работе с клиентами. "), Some(account));
        assert_eq!(head("account director"), Some(account));
        assert_eq!(
            head("Коммерческий директор").map(|h| h.english),
            Some("Commercial Director")
        );
        assert_eq!(head("Анна Петрова"), None);
        assert_eq!(head(""), None);
        for h in HEADS {
            assert!(
                !has_latin(h.russian) && !has_latin(h.russian_dative),
                "{h:?}"
            );
            assert!(!has_cyrillic(h.english), "{h:?}");
        }
    }

    #[test]
    fn a_city_is_named_in_english_or_transliterated_and_never_keeps_cyrillic() {
        assert_eq!(city_in_english("Москва"), "Moscow");
        assert_eq!(city_in_english("г. Санкт-Петербург"), "Saint Petersburg");
        assert_eq!(city_in_english("Москва, Казань"), "Moscow, Kazan");
        assert_eq!(city_in_english("Ярославль"), "Yaroslavl");
        assert_eq!(city_in_english("Щёлково"), "Shchyolkovo");
        assert_eq!(city_in_english("Berlin"), "Berlin");
        assert!(!has_cyrillic(&city_in_english("Әлмaты Ӂ")));
    }
}
