//! Related lists kept between builds (`.broadsheet/related` in the output): when
//! nothing a build's related news depends on changed (this binary, the configuration,
//! and which articles are in the site with which file contents, in order), the last
//! build's lists are taken as they are instead of ranked again. Any change ranks
//! everything again. A missing, stale or damaged file is ignored.

use std::hash::Hasher;
use std::path::Path;

use crate::index::Site;
use crate::model::ArticleId;

/// Where the lists live, relative to the output folder.
pub const FILE: &str = ".broadsheet/related";

/// Framed ([`crate::cache::frame`]).
const MAGIC: &[u8] = b"broadsheet related 1\n";

/// What the site's related lists depend on.
pub fn key(site: &Site) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.write(env!("BROADSHEET_BUILD_ID").as_bytes());
    h.write(format!("{:?}", site.config).as_bytes());
    for a in &site.articles {
        h.write(&(a.source.len() as u64).to_le_bytes());
        h.write(a.source.as_bytes());
        h.write(&a.source_hash.to_le_bytes());
    }
    h.finish()
}

/// The file's bytes: the number of articles, then per article the number of related
/// articles and their ids (little-endian u32).
pub fn encode(key: u64, lists: &[Vec<ArticleId>]) -> Vec<u8> {
    let mut out = crate::cache::frame::begin(MAGIC);
    out.extend_from_slice(&(lists.len() as u32).to_le_bytes());
    for list in lists {
        out.extend_from_slice(&(list.len() as u32).to_le_bytes());
        for id in list {
            out.extend_from_slice(&id.to_le_bytes());
        }
    }
    crate::cache::frame::close(out, MAGIC, key)
}

/// The lists the last build left in `output`, if they were made for `site` as it is.
pub fn read(output: &Path, site: &Site) -> Option<Vec<Vec<ArticleId>>> {
    decode(
        &std::fs::read(output.join(FILE)).ok()?,
        key(site),
        site.articles.len(),
    )
}

fn decode(bytes: &[u8], key: u64, n: usize) -> Option<Vec<Vec<ArticleId>>> {
    let body = crate::cache::frame::open(bytes, MAGIC, key)?;
    let mut words = body
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes(w.try_into().unwrap()));
    if body.len() % 4 != 0 || words.next()? as usize != n {
        return None;
    }
    let mut lists = Vec::with_capacity(n);
    for _ in 0..n {
        let len = words.next()? as usize;
        let list: Vec<ArticleId> = words.by_ref().take(len).collect();
        if list.len() != len || list.iter().any(|&id| id as usize >= n) {
            return None;
        }
        lists.push(list);
    }
    words.next().is_none().then_some(lists)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_only_under_their_key_and_whole() {
        let lists = vec![vec![1, 2], vec![], vec![0]];
        let bytes = encode(9, &lists);
        assert_eq!(decode(&bytes, 9, 3), Some(lists.clone()));
        assert_eq!(decode(&bytes, 8, 3), None);
        assert_eq!(decode(&bytes, 9, 4), None);
        for cut in [0, 5, MAGIC.len() + 16, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut], 9, 3), None, "{cut}");
        }
        for at in [2, MAGIC.len() + 3, MAGIC.len() + 12, bytes.len() - 2] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 1;
            assert_eq!(decode(&flipped, 9, 3), None, "{at}");
        }
    }
}
