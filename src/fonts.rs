//! The typeface the app draws text with where no browser does it (offer letters, rasterised
//! logos): PT Sans, shipped in fonts/ under the ParaType Free Font License, with Cyrillic.

pub const FAMILY: &str = "PT Sans";
pub static REGULAR: &[u8] = include_bytes!("../fonts/PTSans-Regular.ttf");
pub static BOLD: &[u8] = include_bytes!("../fonts/PTSans-Bold.ttf");
