//! Amounts of money in Russian words, as Russian offer letters and contracts repeat a salary
//! after its figures: «150 000 ₽ (сто пятьдесят тысяч рублей)». Russian numerals agree with
//! the noun they count: thousands are feminine («одна тысяча», «две тысячи»), roubles and
//! millions masculine («один рубль», «два миллиона»), and the noun takes one of three forms
//! by the last two digits (1 рубль, 2–4 рубля, 0 and 5–20 рублей, 21 рубль again).

/// The three forms of a Russian noun after a number: for 1, for 2–4, for 0 and 5–20.
type Forms = [&'static str; 3];

const ROUBLE: Forms = ["рубль", "рубля", "рублей"];

/// Thousand, million, … with their forms; a thousand is feminine, the rest masculine.
const SCALES: [(Forms, bool); 6] = [
    (["тысяча", "тысячи", "тысяч"], true),
    (["миллион", "миллиона", "миллионов"], false),
    (["миллиард", "миллиарда", "миллиардов"], false),
    (["триллион", "триллиона", "триллионов"], false),
    (["квадриллион", "квадриллиона", "квадриллионов"], false),
    (["квинтиллион", "квинтиллиона", "квинтиллионов"], false),
];

const UNITS: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];

/// Which of the three forms follows `n`: 1, 21, 101 → the first; 2–4, 22–24 → the second;
/// 0, 5–20, 25–30, 111–114 → the third.
pub fn plural_form(n: u64) -> usize {
    match (n % 10, n % 100) {
        (_, 11..=14) => 2,
        (1, _) => 0,
        (2..=4, _) => 1,
        _ => 2,
    }
}

/// One group of three digits (1..=999) in words; `feminine` for thousands.
fn group(n: u64, feminine: bool, words: &mut Vec<&'static str>) {
    let (hundreds, rest) = ((n / 100) as usize, n % 100);
    if hundreds > 0 {
        words.push(HUNDREDS[hundreds]);
    }
    if (10..20).contains(&rest) {
        words.push(TEENS[(rest - 10) as usize]);
        return;
    }
    let (tens, units) = ((rest / 10) as usize, (rest % 10) as usize);
    if tens > 0 {
        words.push(TENS[tens]);
    }
    match (units, feminine) {
        (0, _) => {}
        (1, true) => words.push("одна"),
        (2, true) => words.push("две"),
        _ => words.push(UNITS[units]),
    }
}

/// A whole number in words, in the masculine (as roubles count): `21` → «двадцать один».
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return "ноль".to_owned();
    }
    // Groups of three digits, the lowest first.
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 1000);
        rest /= 1000;
    }
    let mut words = Vec::new();
    for (index, &value) in groups.iter().enumerate().rev() {
        if value == 0 {
            continue;
        }
        match index.checked_sub(1).map(|scale| SCALES[scale]) {
            None => group(value, false, &mut words),
            Some((forms, feminine)) => {
                group(value, feminine, &mut words);
                words.push(forms[plural_form(value)]);
            }
        }
    }
    words.join(" ")
}

/// A rouble amount in words with the right form of «рубль»: `150_000` → «сто пятьдесят тысяч
/// рублей», `21_000` → «двадцать одна тысяча рублей», `2_000_000` → «два миллиона рублей».
pub fn roubles_in_words(amount: i64) -> String {
    let n = amount.unsigned_abs();
    let words = format!("{} {}", number_in_words(n), ROUBLE[plural_form(n)]);
    if amount < 0 {
        format!("минус {words}")
    } else {
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_numbers_take_the_forms_of_rouble_by_their_last_digit() {
        assert_eq!(roubles_in_words(0), "ноль рублей");
        assert_eq!(roubles_in_words(1), "один рубль");
        assert_eq!(roubles_in_words(2), "два рубля");
        assert_eq!(roubles_in_words(4), "четыре рубля");
        assert_eq!(roubles_in_words(5), "пять рублей");
        assert_eq!(roubles_in_words(10), "десять рублей");
        assert_eq!(roubles_in_words(20), "двадцать рублей");
        assert_eq!(roubles_in_words(21), "двадцать один рубль");
        assert_eq!(roubles_in_words(22), "двадцать два рубля");
        assert_eq!(roubles_in_words(25), "двадцать пять рублей");
        assert_eq!(roubles_in_words(100), "сто рублей");
        assert_eq!(roubles_in_words(101), "сто один рубль");
    }

    #[test]
    fn eleven_to_nineteen_always_take_the_plural_of_many() {
        let expected = [
            "одиннадцать рублей",
            "двенадцать рублей",
            "тринадцать рублей",
            "четырнадцать рублей",
            "пятнадцать рублей",
            "шестнадцать рублей",
            "семнадцать рублей",
            "восемнадцать рублей",
            "девятнадцать рублей",
        ];
        for (n, words) in (11..=19).zip(expected) {
            assert_eq!(roubles_in_words(n), words);
        }
        assert_eq!(roubles_in_words(111), "сто одиннадцать рублей");
        assert_eq!(roubles_in_words(112), "сто двенадцать рублей");
        assert_eq!(roubles_in_words(114), "сто четырнадцать рублей");
    }

    #[test]
    fn thousands_are_feminine_and_agree_with_their_number() {
        assert_eq!(roubles_in_words(1_000), "одна тысяча рублей");
        assert_eq!(roubles_in_words(2_000), "две тысячи рублей");
        assert_eq!(roubles_in_words(5_000), "пять тысяч рублей");
        assert_eq!(roubles_in_words(11_000), "одиннадцать тысяч рублей");
        assert_eq!(roubles_in_words(21_000), "двадцать одна тысяча рублей");
        assert_eq!(roubles_in_words(22_000), "двадцать две тысячи рублей");
        assert_eq!(roubles_in_words(150_000), "сто пятьдесят тысяч рублей");
        assert_eq!(
            roubles_in_words(182_500),
            "сто восемьдесят две тысячи пятьсот рублей"
        );
        assert_eq!(
            roubles_in_words(999_999),
            "девятьсот девяносто девять тысяч девятьсот девяносто девять рублей"
        );
    }

    #[test]
    fn millions_and_above_are_masculine() {
        assert_eq!(roubles_in_words(1_000_000), "один миллион рублей");
        assert_eq!(roubles_in_words(2_000_000), "два миллиона рублей");
        assert_eq!(roubles_in_words(5_000_000), "пять миллионов рублей");
        assert_eq!(
            roubles_in_words(2_001_001),
            "два миллиона одна тысяча один рубль"
        );
        assert_eq!(
            roubles_in_words(1_002_000_003),
            "один миллиард два миллиона три рубля"
        );
        assert_eq!(roubles_in_words(12_000_000), "двенадцать миллионов рублей");
    }

    #[test]
    fn every_amount_has_words_without_gaps_or_doubled_spaces() {
        for amount in [0, 7, 90, 300, 40_229, 1_000_001, i64::MAX, -150_000] {
            let words = roubles_in_words(amount);
            assert!(!words.contains("  ") && !words.starts_with(' '), "{words}");
        }
        assert_eq!(roubles_in_words(-3), "минус три рубля");
        assert!(roubles_in_words(i64::MIN).starts_with("минус девять квинтиллионов"));
    }

    #[test]
    fn the_form_of_a_noun_follows_the_last_two_digits() {
        let forms: Vec<usize> = [1, 2, 5, 11, 12, 21, 24, 100, 101, 111, 1_000_000]
            .into_iter()
            .map(plural_form)
            .collect();
        assert_eq!(forms, [0, 1, 2, 2, 2, 0, 1, 2, 0, 2, 2]);
    }
}
