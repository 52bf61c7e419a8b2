//! What the user administration forms send.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub lang: String,
}

#[derive(Debug, Deserialize)]
pub struct UserAccessForm {
    #[serde(default)]
    pub role: String,
    /// A checkbox: present when ticked.
    pub active: Option<String>,
    /// The page of the list the row was on, to come back to it.
    #[serde(default)]
    pub page: String,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    pub page: Option<u64>,
}
