//! Every kind of email Hireloop sends, in one list: each has its templates under
//! templates/emails/<code>/ and its name on the outbox page (`outbox-kind-<code>`) in both
//! languages; the tests below fail when one of the three is missing.

/// One kind of email.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    pub code: &'static str,
    /// It carries a link that acts for its recipient without signing in (setting a password,
    /// answering an offer, approving one, the candidate's own data page): only admins may read
    /// its body on the outbox page.
    pub personal_link: bool,
}

const fn kind(code: &'static str, personal_link: bool) -> Kind {
    Kind {
        code,
        personal_link,
    }
}

pub const ALL: [Kind; 18] = [
    kind("application_received", true),
    // What a recruiter wrote: no personal link, the outbox may show it.
    kind("candidate_message", false),
    kind("exam_result", false),
    kind("exam_scheduled", false),
    kind("follow_up_digest", false),
    kind("internship_decision", false),
    kind("internship_welcome", true),
    kind("interview_invitation", false),
    kind("mentor_assigned", false),
    kind("notification_digest", false),
    kind("offer_approval", true),
    kind("offer_letter", true),
    kind("password_reset", true),
    kind("reference_request", true),
    kind("rejection", false),
    kind("scorecard_reminder", false),
    kind("talent_pool_reconsent", true),
    kind("test", false),
];

/// The kind named `code`; an unknown one (a row from an older version) is treated as carrying
/// a personal link, so its body stays with admins.
pub fn find(code: &str) -> Kind {
    ALL.iter()
        .copied()
        .find(|k| k.code == code)
        .unwrap_or(Kind {
            code: "unknown",
            personal_link: true,
        })
}

/// The key of the kind's name on the outbox page.
pub fn label_key(code: &str) -> String {
    if ALL.iter().any(|k| k.code == code) {
        format!("outbox-kind-{code}")
    } else {
        "outbox-kind-unknown".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;

    #[test]
    fn every_kind_of_email_is_named_in_russian_and_in_english() {
        let mut missing = Vec::new();
        for kind in ALL {
            for lang in [Lang::Ru, Lang::En] {
                if !lang.has(&label_key(kind.code)) {
                    missing.push(format!("{} in {}", kind.code, lang.as_str()));
                }
            }
        }
        assert!(
            Lang::Ru.has("outbox-kind-unknown") && Lang::En.has("outbox-kind-unknown"),
            "the fallback name"
        );
        assert!(missing.is_empty(), "no outbox label for {missing:?}");
    }

    #[test]
    fn the_list_of_kinds_and_the_email_templates_are_the_same() {
        let dir = format!("{}/templates/emails", env!("CARGO_MANIFEST_DIR"));
        let mut folders: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('_'))
            .collect();
        folders.sort();
        let listed: Vec<String> = ALL.iter().map(|k| k.code.to_owned()).collect();
        assert_eq!(
            folders, listed,
            "templates/emails and outbox::kinds::ALL differ"
        );
    }

    #[test]
    fn an_unknown_kind_keeps_its_body_with_admins() {
        assert!(find("something_new").personal_link);
        assert!(!find("rejection").personal_link);
        assert_eq!(label_key("something_new"), "outbox-kind-unknown");
    }
}
