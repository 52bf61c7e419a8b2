//! Issue 9's security half, proved over HTTP: response headers, private files, one-time links,
//! HTML escaping of every free-text field, and who sees salaries, offers, scorecards and
//! references. Who may open which route at all is `access_table.rs`.

mod files;
mod headers;
mod one_time_links;
mod visibility;
mod xss;
