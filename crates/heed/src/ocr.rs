//! `--ocr`: text for the pages of a PDF that have no text layer (scans), read from their
//! pictures by Tesseract (Debian's `tesseract-ocr`), an external program the binary runs
//! only when asked. The reader stays pure: it hands out the pictures
//! (`heed_read::pdf::page_images`) and takes the text back in `ReadOptions::ocr`.

use heed_read::pdf::{Image, page_images};
use std::collections::BTreeMap;
use std::process::Command;

/// The OCR text of each text-less page of a PDF, by page; empty for other files.
pub fn ocr_pages(bytes: &[u8]) -> Result<BTreeMap<usize, String>, String> {
    let mut out = BTreeMap::new();
    if !heed_read::pdf::is_pdf(bytes) {
        return Ok(out);
    }
    let Ok(images) = page_images(bytes) else {
        // The reader says what is wrong with the file when it reads it.
        return Ok(out);
    };
    if images.is_empty() {
        return Ok(out);
    }
    let dir = std::env::temp_dir().join(format!("heed-ocr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("a folder for OCR: {e}"))?;
    let result = (|| {
        for img in images {
            let (name, data) = match img.image {
                Image::Jpeg(d) => (format!("page-{}.jpg", img.page), d),
                Image::Pnm(d) => (format!("page-{}.pnm", img.page), d),
            };
            let path = dir.join(name);
            std::fs::write(&path, data).map_err(|e| format!("{}: {e}", path.display()))?;
            let run = Command::new("tesseract")
                .arg(&path)
                .arg("stdout")
                .output()
                .map_err(|e| {
                    format!("--ocr needs Tesseract (Debian package tesseract-ocr): {e}")
                })?;
            if !run.status.success() {
                return Err(format!(
                    "tesseract could not read page {}: {}",
                    img.page,
                    String::from_utf8_lossy(&run.stderr).trim()
                ));
            }
            out.insert(img.page, String::from_utf8_lossy(&run.stdout).into_owned());
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result.map(|()| out)
}
