//! The NewsML-G2 reader on any bytes: no panic, and every item it makes is written as
//! an article file whose front matter reads back with the title it had.
#![no_main]

use broadsheet::import::article::render;
use broadsheet::import::newsml::read_file;
use broadsheet::import::run::Collect;
use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|data: &[u8]| {
    let mut sink = Collect::default();
    read_file(data, "fuzz.xml".into(), chrono_tz::UTC, &mut sink);
    for item in sink.items.iter().flatten() {
        check::reads_back(item, &render(item, &item.slug));
    }
});
