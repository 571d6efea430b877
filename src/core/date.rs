//! Calendar dates as sessions write them, `YYYY-MM-DD`, checked against the
//! calendar (jiff), so that a day that does not exist is refused.

use std::path::Path;

use jiff::civil::Date;
use thiserror::Error;

use super::error::{FileError, FileProblem};
use super::model::Session;

/// Why a text is no date.
/// Worded in [`crate::i18n::files`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    Format {
        text: String,
    },
    NoSuchMonth {
        text: String,
        month: u32,
    },
    NoSuchDay {
        text: String,
        year: i16,
        month: i8,
        day: u32,
        /// Days the month has.
        days: i8,
    },
}

/// Today's date as `YYYY-MM-DD`, in the local time zone.
pub fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

/// The present moment in UTC, written with a `strftime` pattern.
pub fn now_utc(pattern: &str) -> String {
    jiff::Timestamp::now().strftime(pattern).to_string()
}

/// A date from year, month and day, when the calendar has it.
pub fn from_parts(text: &str, year: u32, month: u32, day: u32) -> Result<Date, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth {
            text: text.to_string(),
            month,
        });
    }
    let format = || DateError::Format {
        text: text.to_string(),
    };
    let year = i16::try_from(year).map_err(|_| format())?;
    let month = month as i8;
    let first = Date::new(year, month, 1).map_err(|_| format())?;
    let no_such_day = || DateError::NoSuchDay {
        text: text.to_string(),
        year,
        month,
        day,
        days: first.days_in_month(),
    };
    let d = i8::try_from(day).map_err(|_| no_such_day())?;
    Date::new(year, month, d).map_err(|_| no_such_day())
}

/// Reads a date written `YYYY-MM-DD` (four, two and two digits).
pub fn parse(text: &str) -> Result<Date, DateError> {
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !shaped {
        return Err(DateError::Format {
            text: text.to_string(),
        });
    }
    let n = |p: &str| p.parse::<u32>().unwrap_or(0);
    from_parts(text, n(parts[0]), n(parts[1]), n(parts[2]))
}

/// Whether `date` is a day of the calendar written `YYYY-MM-DD`.
pub fn valid_date(date: &str) -> bool {
    parse(date).is_ok()
}

/// The problem with the date of a session read from `text`, at the place
/// of the date in the file. An empty date (unknown) is fine.
pub fn check_session(path: &Path, text: &str, session: &Session) -> Option<FileError> {
    if session.date.is_empty() {
        return None;
    }
    let err = parse(&session.date).err()?;
    let (line, column) = place_of_value(text, "date", &session.date);
    Some(FileError::new(path, line, column, FileProblem::Date(err)))
}

/// 1-based line and column of the quoted value of `field` in RON text
/// (at the opening quote), or 0, 0 when it is not found.
fn place_of_value(text: &str, field: &str, value: &str) -> (usize, usize) {
    let quoted = format!("\"{value}\"");
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(field)
            && rest.trim_start().starts_with(':')
            && let Some(at) = line.find(&quoted)
        {
            return (n + 1, line[..at].chars().count() + 1);
        }
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Lang;

    #[test]
    fn the_clock_gives_a_valid_date() {
        assert!(valid_date(&today()), "{}", today());
    }

    #[test]
    fn only_days_of_the_calendar_are_dates() {
        assert!(valid_date("2019-02-13"));
        assert!(valid_date("2020-02-29"));
        assert!(!valid_date("2019-02-29"));
        assert!(!valid_date("2019-02-31"));
        assert!(!valid_date("2019-04-31"));
        assert!(!valid_date("2019-00-10"));
        assert!(!valid_date("2019-2-13"));
        assert!(!valid_date("13.02.2019"));
        assert!(!valid_date(""));
        assert_eq!(
            parse("2019-02-31").unwrap_err().message(Lang::De),
            "„2019-02-31“: den 31. Februar 2019 gibt es nicht (Februar 2019 hat 28 Tage)"
        );
    }
}
