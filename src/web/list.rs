//! Paging for API lists: `?limit=&offset=` → `{"items": [...], "total": N}`.

use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// At most 200; 50 when omitted.
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// The furthest page a list page opens: beyond it `(page - 1) * per_page` could overflow, and
/// nothing is there anyway.
pub const MAX_PAGE: u64 = 1_000_000;

impl ListQuery {
    pub const MAX: u64 = 200;
    /// Larger offsets cannot be bound as a signed 64-bit SQL integer; nothing is there anyway.
    pub const MAX_OFFSET: u64 = 1 << 40;

    pub fn limit(&self) -> u64 {
        self.limit.unwrap_or(50).clamp(1, Self::MAX)
    }

    pub fn offset(&self) -> u64 {
        self.offset.unwrap_or(0).min(Self::MAX_OFFSET)
    }
}
