//! The framing of the files broadsheet keeps in its output for the next build (the
//! parse cache, the related lists): a magic line, the key the contents hold under,
//! and a checksum of the contents. A file whose magic, key or checksum does not
//! match is not read at all.

/// Bytes after the magic line: the key and the checksum.
const HEAD: usize = 16;

/// A buffer to write contents into after the magic line and room for the head.
pub fn begin(magic: &[u8]) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.resize(magic.len() + HEAD, 0);
    out
}

/// Fills in the head of a buffer from [`begin`] once its contents are written.
pub fn close(mut out: Vec<u8>, magic: &[u8], key: u64) -> Vec<u8> {
    let checksum = xxhash_rust::xxh3::xxh3_64(&out[magic.len() + HEAD..]);
    fill_head(&mut out[magic.len()..], key, checksum);
    out
}

/// The magic line and head to write before `contents`, given in parts (the file is
/// the head, then the parts in order): what [`close`] makes of the contents joined,
/// without joining them.
pub fn head_for(magic: &[u8], key: u64, contents: &[Vec<u8>]) -> Vec<u8> {
    let mut checksum = xxhash_rust::xxh3::Xxh3::new();
    for part in contents {
        checksum.update(part);
    }
    let mut out = begin(magic);
    fill_head(&mut out[magic.len()..], key, checksum.digest());
    out
}

fn fill_head(head: &mut [u8], key: u64, checksum: u64) {
    head[..8].copy_from_slice(&key.to_le_bytes());
    head[8..HEAD].copy_from_slice(&checksum.to_le_bytes());
}

/// The contents of `bytes` if they were framed with `magic` under `key` and are whole.
pub fn open<'a>(bytes: &'a [u8], magic: &[u8], key: u64) -> Option<&'a [u8]> {
    let (head, contents) = bytes.strip_prefix(magic)?.split_at_checked(HEAD)?;
    let number = |i: usize| u64::from_le_bytes(head[i * 8..i * 8 + 8].try_into().unwrap());
    (number(0) == key && number(1) == xxhash_rust::xxh3::xxh3_64(contents)).then_some(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_in_parts_are_framed_as_when_joined() {
        let parts = vec![
            b"count".to_vec(),
            Vec::new(),
            b"first run".to_vec(),
            vec![7; 300],
        ];
        let mut joined = begin(b"magic\n");
        joined.extend(parts.concat());
        let framed = close(joined, b"magic\n", 42);
        let mut file = head_for(b"magic\n", 42, &parts);
        file.extend(parts.concat());
        assert_eq!(file, framed);
        assert_eq!(open(&file, b"magic\n", 42), Some(&parts.concat()[..]));
        assert_eq!(open(&file, b"magic\n", 41), None);
    }
}
