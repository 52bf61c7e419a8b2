//! Paging for API lists: `?limit=&offset=` → `{"items": [...], "total": N}`.

use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// At most 200; 50 when omitted.
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

impl ListQuery {
    pub const MAX: u64 = 200;

    pub fn limit(&self) -> u64 {
        self.limit.unwrap_or(50).clamp(1, Self::MAX)
    }

    pub fn offset(&self) -> u64 {
        self.offset.unwrap_or(0)
    }
}
