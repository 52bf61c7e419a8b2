//! Calendar invitations (RFC 5545) that calendar apps import: METHOD:REQUEST with an
//! organizer and attendees, built with the icalendar crate.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};

/// An interview (or any meeting) to invite people to.
pub struct Meeting<'a> {
    /// Stable across updates, so a re-sent invitation replaces the first one.
    pub uid: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub starts_at: DateTime<Utc>,
    pub minutes: i64,
    pub organizer: (&'a str, &'a str),
    pub attendees: Vec<(&'a str, &'a str)>,
}

pub fn invitation(meeting: &Meeting<'_>) -> String {
    let mut event = Event::new();
    event
        .uid(meeting.uid)
        .summary(meeting.title)
        .description(meeting.description)
        .location(meeting.location)
        .starts(meeting.starts_at)
        .ends(meeting.starts_at + chrono::Duration::minutes(meeting.minutes))
        .timestamp(Utc::now());
    let (organizer_name, organizer_email) = meeting.organizer;
    let mut organizer = Property::new("ORGANIZER", format!("mailto:{organizer_email}"));
    organizer.add_parameter("CN", organizer_name);
    event.append_property(organizer);
    for (name, email) in &meeting.attendees {
        let mut attendee = Property::new("ATTENDEE", format!("mailto:{email}"));
        attendee.add_parameter("CN", name);
        attendee.add_parameter("ROLE", "REQ-PARTICIPANT");
        attendee.add_parameter("PARTSTAT", "NEEDS-ACTION");
        attendee.add_parameter("RSVP", "TRUE");
        event.append_multi_property(attendee);
    }
    let mut calendar = Calendar::new();
    calendar.append_property(Property::new("METHOD", "REQUEST"));
    calendar.push(event.done());
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_a_request_with_organizer_attendees_and_times() {
        let starts_at = "2026-12-02T07:00:00Z".parse().unwrap();
        let ics = invitation(&Meeting {
            uid: "interview-7@hireloop",
            title: "Interview: Account manager",
            description: "Competency interview",
            location: "Office, room 3",
            starts_at,
            minutes: 60,
            organizer: ("Мария Лебедева", "recruiter@agency.test"),
            attendees: vec![
                ("Анна Петрова", "anna@mail.test"),
                ("Игорь Новиков", "igor@agency.test"),
            ],
        });
        assert!(ics.contains("METHOD:REQUEST"), "{ics}");
        assert!(ics.contains("UID:interview-7@hireloop"));
        assert!(ics.contains("DTSTART:20261202T070000Z"));
        assert!(ics.contains("DTEND:20261202T080000Z"));
        assert!(ics.contains("mailto:recruiter@agency.test"));
        assert_eq!(ics.matches("ATTENDEE").count(), 2);
    }
}
