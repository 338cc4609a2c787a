//! Integration tests: build fixture sites with the real binary and inspect the output.
// The helpers here are `pub` for the sibling test modules; a test binary exports nothing.
#![allow(unreachable_pub)]
mod support;

mod browser;
mod cli;
mod datelines;
mod editions;
mod errors;
mod feeds;
mod golden;
mod images;
mod import;
mod incremental;
mod languages;
mod publish;
mod related;
mod rough_edges;
mod safety;
mod search;
mod serve;
mod serve_browser;
mod serve_live;
mod site_build;
mod themes;
mod urls;
