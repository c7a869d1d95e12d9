//! Hand-written PDFs for the readers' tests: the end every such file needs.

use std::fmt::Write as _;

/// Ends a PDF whose objects start at `offsets` (object 1 the catalog, numbered in order):
/// the cross-reference table, the trailer and `%%EOF`.
pub fn finish(out: &mut Vec<u8>, offsets: &[usize]) {
    let xref = out.len();
    let mut x = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
    for o in offsets {
        let _ = writeln!(x, "{o:010} 00000 n ");
    }
    let _ = write!(
        x,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        offsets.len() + 1
    );
    out.extend_from_slice(x.as_bytes());
}
