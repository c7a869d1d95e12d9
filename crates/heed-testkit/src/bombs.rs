//! Decompression bombs: small files that unpack hugely, for the tests of the readers' caps
//! (heed-read's own and the CLI's, which must say which file was refused).

/// A PDF of `pages` pages, each page's content one flate stream of `mib` MiB of spaces:
/// a few tens of KiB each, a thousandfold when decompressed.
pub fn flate_pdf(pages: usize, mib: usize) -> Vec<u8> {
    use flate2::{Compression, write::ZlibEncoder};
    use std::io::Write as _;
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..mib {
        z.write_all(&spaces).unwrap();
    }
    let stream = z.finish().unwrap();
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let kids: Vec<String> = (0..pages).map(|k| format!("{} 0 R", 3 + 2 * k)).collect();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(
        &mut out,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .as_bytes(),
    );
    for k in 0..pages {
        object(
            &mut out,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R >>",
                4 + 2 * k
            )
            .as_bytes(),
        );
        let mut body = format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            stream.len()
        )
        .into_bytes();
        body.extend_from_slice(&stream);
        body.extend_from_slice(b"\nendstream");
        object(&mut out, &body);
    }
    crate::pdf::finish(&mut out, &offsets);
    out
}
