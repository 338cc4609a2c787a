//! Pure parsers: text in, value or error out. Nothing here touches the disk.
pub mod dateline;
