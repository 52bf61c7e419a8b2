//! `@` followed by a colleague's email in a note calls them in: "@anna@agency.ru, look at the
//! salary". The address ends at a space or at punctuation that closes a sentence.

use super::contacts::normalize_email;

/// The addresses mentioned in `text`, normalised, each once, in order of first mention.
pub fn mentioned_emails(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let Some(rest) = word
            .trim_start_matches(['(', '«', '"', '\''])
            .strip_prefix('@')
        else {
            continue;
        };
        let address = rest.trim_end_matches(['.', ':', '!', '?', ')', '»', '"', '\'']);
        if let Some(email) = normalize_email(address)
            && !found.contains(&email)
        {
            found.push(email);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_emails_after_an_at_sign() {
        assert_eq!(
            mentioned_emails("@Anna@Agency.ru, посмотри зарплату. И (@boris@agency.ru)!"),
            vec!["anna@agency.ru", "boris@agency.ru"]
        );
    }

    #[test]
    fn an_address_without_the_at_sign_or_twice_is_one_mention_or_none() {
        assert!(mentioned_emails("пишите на anna@agency.ru").is_empty());
        assert_eq!(
            mentioned_emails("@anna@agency.ru и снова @anna@agency.ru."),
            vec!["anna@agency.ru"]
        );
        assert!(mentioned_emails("@ @anna @anna@ @x@y").is_empty());
    }
}
