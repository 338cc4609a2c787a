//! broadsheet: a static site generator for news publishers.
pub mod parse;
