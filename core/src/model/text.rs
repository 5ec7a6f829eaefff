//! What the spec says of texts and identifiers: when a text says nothing, what a `case_id` may
//! be (1 to 64 characters, not blank, no personal identity number), and which keys are
//! identifiers that an error may name.

use crate::model::error::{Error, Problem, Result};

/// Unicode 15.1's format characters (general category Cf), as ranges: U+200B and U+2063 are
/// among them. (`char::is_whitespace` is White_Space and `char::is_control` is Cc already.)
const FORMAT: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

fn is_format(c: char) -> bool {
    let c = u32::from(c);
    FORMAT.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c))
}

/// A character that says nothing: white space, a control or a format character.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_format(c)
}

/// Whether a text says nothing (spec: blank): no character other than white space (Unicode
/// `White_Space`), control characters (`Cc`) and format characters (`Cf`).
pub fn says_nothing(s: &str) -> bool {
    s.chars().all(is_blank_char)
}

/// A key an error may name: `[a-z][a-z0-9_]{0,39}`. Any other key may carry text a person
/// wrote, and is named by its position alone.
pub fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && key.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The 0-based place of an id the case numbers itself (`m7`, `q7`: the seventh message or
/// question), or `None` for anything not written so (`m0`, `m07`, `x7`).
pub fn numbered(id: &str, prefix: char) -> Option<usize> {
    let digits = id.strip_prefix(prefix)?;
    if digits.starts_with('0') {
        return None;
    }
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// The id of the item at 0-based `place` (`numbered`'s inverse: `m7` for the seventh message),
/// written without the formatting machinery, which cost more than the rest of recording a
/// message.
pub fn numbered_id(prefix: char, place: usize) -> String {
    let n = place.saturating_add(1);
    let mut id = String::with_capacity(8);
    id.push(prefix);
    let mut unit = 1;
    while unit <= n / 10 {
        unit *= 10;
    }
    while unit > 0 {
        id.push(char::from(b'0' + (n / unit % 10) as u8));
        unit /= 10;
    }
    id
}

/// The rules of a `case_id` (spec: The case): 1 to 64 characters, not all blank, and no
/// Swedish personal identity or coordination number in it (the embedding system keeps the
/// link to the patient).
pub fn check_case_id(id: &str) -> Result<()> {
    let n = id.chars().count();
    if n == 0 || n > 64 || says_nothing(id) {
        return Err(Error::invalid("case_id", Problem::OutOfRange));
    }
    if holds_personal_number(id) {
        return Err(Error::invalid("case_id", Problem::PersonalData));
    }
    Ok(())
}

/// Whether `s` holds `CCYYMMDD-NNNC` or `YYMMDD-NNNC` (century and separator `-`/`+` each
/// optional; a coordination number adds 60 to the day) with a valid date and Luhn digit, not
/// adjoining other digits.
pub fn holds_personal_number(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).filter(|&i| digit(i) && (i == 0 || !digit(i - 1))).any(|start| {
        let run = (start..b.len()).take_while(|&i| digit(i)).count();
        let after = start + run;
        let joined = |first: usize| -> Option<Vec<u8>> {
            // `first` digits, a separator, then exactly four digits and no more.
            let sep = *b.get(after)?;
            if run != first || !(sep == b'-' || sep == b'+') {
                return None;
            }
            let tail = (after + 1..b.len()).take_while(|&i| digit(i)).count();
            if tail != 4 {
                return None;
            }
            Some([b.get(start..after)?, b.get(after + 1..after + 5)?].concat())
        };
        let candidates = [
            (run == 12).then(|| b.get(start..after).map(<[u8]>::to_vec)).flatten(),
            (run == 10).then(|| b.get(start..after).map(<[u8]>::to_vec)).flatten(),
            joined(8),
            joined(6),
        ];
        candidates.into_iter().flatten().any(|d| valid_number(&d))
    })
}

/// 12 digits `CCYYMMDDNNNC` or 10 digits `YYMMDDNNNC`.
fn valid_number(d: &[u8]) -> bool {
    let (century, ten) = match d.len() {
        12 => (n_of(d, 0, 2), d.get(2..)),
        10 => (None, Some(d)),
        _ => return false,
    };
    let Some(ten) = ten else { return false };
    let m = |i: usize| n_of(ten, i, 2);
    let (Some(yy), Some(month), Some(mut day)) = (m(0), m(2), m(4)) else { return false };
    if day > 60 {
        day -= 60;
    }
    let leap = match century {
        Some(cc) => {
            let year = cc * 100 + yy;
            (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        }
        // Without a century: valid in some century (2000 is a leap year).
        None => yy % 4 == 0,
    };
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    luhn(ten)
}

/// The number the ASCII digits `d[i..i + len]` spell.
fn n_of(d: &[u8], i: usize, len: usize) -> Option<u32> {
    d.get(i..i + len).map(|p| p.iter().fold(0u32, |a, c| a * 10 + u32::from(c - b'0')))
}

/// The Luhn check over the ten digits `YYMMDDNNNC`.
fn luhn(ten: &[u8]) -> bool {
    let sum: u32 = ten
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = u32::from(c - b'0') * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_white_space_controls_and_format_characters() {
        for blank in ["", " ", "\t\n", "\u{200B}", "\u{2063}", "\u{00A0}\u{FEFF}", "\u{0007}"] {
            assert!(says_nothing(blank), "{blank:?}");
        }
        for text in ["a", " x ", "\u{200B}é"] {
            assert!(!says_nothing(text), "{text:?}");
        }
    }

    #[test]
    fn numbered_ids_read_back() {
        for place in [0, 1, 8, 9, 10, 98, 99, 100, 12_345, usize::MAX - 1] {
            let id = numbered_id('m', place);
            assert_eq!(id, format!("m{}", place + 1));
            assert_eq!(numbered(&id, 'm'), Some(place));
        }
    }

    #[test]
    fn personal_numbers_are_found() {
        // 19121212-1212 is Skatteverket's test number (Tolvan Tolvansson).
        for pn in ["19121212-1212", "191212121212", "121212-1212", "1212121212", "121212+1212", "x 121212-1212 y"] {
            assert!(holds_personal_number(pn), "{pn}");
        }
        // Coordination number: day + 60 (Luhn recomputed: 121272-1219).
        assert!(holds_personal_number("121272-1219"));
        for not in ["c-1", "121212-1213", "1121212-1212", "121212-12121", "131312-1212", "2026-03-02", "c-000"] {
            assert!(!holds_personal_number(not), "{not}");
        }
    }

    #[test]
    fn case_ids() {
        assert!(check_case_id("c-1").is_ok());
        assert!(check_case_id("").is_err());
        assert!(check_case_id(" \u{200B}").is_err());
        assert!(check_case_id(&"x".repeat(64)).is_ok());
        assert!(check_case_id(&"x".repeat(65)).is_err());
        assert_eq!(check_case_id("19121212-1212 Tolvan").unwrap_err().details["problem"], "personal_data");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("case_id") && is_identifier("a1"));
        assert!(!is_identifier("19121212-1212 Tolvan") && !is_identifier("Type") && !is_identifier(""));
        assert!(!is_identifier(&"a".repeat(41)));
    }
}
