//! DOCX, written by hand: a minimal WordprocessingML package (content types, relations,
//! styles, core properties, the document) in a zip. Headings use Word's built-in heading
//! styles (so the navigation pane and a table of contents work), tables repeat their
//! header row on each page, RAG cells are shaded and named, the page is A4.
//!
//! Charts are DrawingML bar charts (`word/charts/chartN.xml`) with their categories and
//! values cached in the chart and kept in an embedded workbook, so Word shows them and
//! can edit their data; each has alternative text naming its numbers, and the table that
//! follows each chart still carries them for screen readers.

use super::svg::esc;
use crate::ReportError;
use crate::model::{Block, Chart, Report, Table, rag_fill, rag_strong};
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
const BODY_TWIPS: u32 = 11906 - 2 * 1134;

/// The content types, with one override per chart.
fn content_types(charts: usize) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    );
    for k in 1..=charts {
        let _ = write!(
            out,
            r#"<Override PartName="/word/charts/chart{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#
        );
    }
    out.push_str("</Types>");
    out
}

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

/// The document's relationships: its styles and each chart (`rIdChartN`).
fn doc_rels(charts: usize) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    for k in 1..=charts {
        let _ = write!(
            out,
            r#"<Relationship Id="rIdChart{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{k}.xml"/>"#
        );
    }
    out.push_str("</Relationships>");
    out
}

/// A chart's relationship to the workbook that holds its data.
fn chart_rels(k: usize) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/chart{k}.xlsx"/></Relationships>"#
    )
}

/// What a chart shows, in words: its alternative text.
fn chart_alt(c: &Chart) -> String {
    let numbers: Vec<String> = c
        .bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.value))
        .collect();
    format!("Bar chart: {}. {}.", c.title, numbers.join(", "))
}

/// EMUs in a twip.
const EMU_PER_TWIP: u32 = 635;

/// The paragraph that holds chart `k`, inline, with its alternative text.
fn chart_paragraph(out: &mut String, c: &Chart, k: usize) {
    let cx = BODY_TWIPS * EMU_PER_TWIP;
    // About a quarter of an inch a bar, plus room for the title and the value axis.
    let cy = 914_400 * 3 / 4 + c.bars.len() as u32 * 914_400 / 4;
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{k}" name="Chart {k}" title="{title}" descr="{alt}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart{k}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
        title = esc(&c.title),
        alt = esc(&chart_alt(c)),
    );
}

/// Chart `k` as DrawingML: one series of horizontal bars, first bar on top, RAG bars in
/// their colour, each bar labelled with its number; categories and values cached here
/// and referring to the embedded workbook's Sheet1.
fn chart_xml(c: &Chart) -> String {
    let n = c.bars.len();
    let last = n + 1;
    let mut out = String::with_capacity(4096);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:lang val="en-GB"/><c:roundedCorners val="0"/><c:chart>"#);
    let _ = write!(
        out,
        r#"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="en-GB" sz="1200" b="1"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>"#,
        esc(&c.title)
    );
    out.push_str(r#"<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Items</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="4A5A78"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>"#);
    for (i, b) in c.bars.iter().enumerate() {
        if let Some(r) = b.rag {
            let _ = write!(
                out,
                r#"<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill></c:spPr></c:dPt>"#,
                rag_strong(r)
            );
        }
    }
    out.push_str(r#"<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#);
    let _ = write!(
        out,
        r#"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val="{n}"/>"#
    );
    for (i, b) in c.bars.iter().enumerate() {
        let _ = write!(
            out,
            r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#,
            esc(&b.label)
        );
    }
    let _ = write!(
        out,
        r#"</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B${last}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>"#
    );
    for (i, b) in c.bars.iter().enumerate() {
        let _ = write!(out, r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, b.value);
    }
    out.push_str(r#"</c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart><c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="Arial"/></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>"#);
    out
}

/// The workbook a chart's data lives in: the labels in column A, the numbers in B.
fn chart_workbook(c: &Chart) -> Result<Vec<u8>, ReportError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1")?;
    ws.write_string(0, 0, "")?;
    ws.write_string(0, 1, "Items")?;
    for (i, b) in c.bars.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        ws.write_string(row, 0, &b.label)?;
        ws.write_number(row, 1, b.value as f64)?;
    }
    Ok(wb.save_to_buffer()?)
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="21"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="444444"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="240"/></w:pPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="777777"/><w:left w:val="single" w:sz="4" w:color="777777"/><w:bottom w:val="single" w:sz="4" w:color="777777"/><w:right w:val="single" w:sz="4" w:color="777777"/><w:insideH w:val="single" w:sz="4" w:color="777777"/><w:insideV w:val="single" w:sz="4" w:color="777777"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

fn paragraph(out: &mut String, style: Option<&str>, text: &str, bold: bool) {
    out.push_str("<w:p>");
    if let Some(s) = style {
        let _ = write!(out, "<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>");
    }
    run(out, text, bold);
    out.push_str("</w:p>");
}

fn run(out: &mut String, text: &str, bold: bool) {
    out.push_str("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text));
}

fn table(out: &mut String, t: &Table) {
    let n = t.header.len().max(1);
    let weights: Vec<u32> = if t.widths.len() == n {
        t.widths.iter().map(|w| u32::from(*w).max(1)).collect()
    } else {
        vec![1; n]
    };
    let total: u32 = weights.iter().sum::<u32>().max(1);
    let cols: Vec<u32> = weights.iter().map(|w| BODY_TWIPS * w / total).collect();
    out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>");
    if let Some(c) = &t.caption {
        let _ = write!(out, "<w:tblCaption w:val=\"{}\"/>", esc(c));
    }
    out.push_str("</w:tblPr><w:tblGrid>");
    for c in &cols {
        let _ = write!(out, "<w:gridCol w:w=\"{c}\"/>");
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (h, w) in t.header.iter().zip(&cols) {
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8E8E8\"/></w:tcPr>"
        );
        paragraph(out, None, h, true);
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
    for row in &t.rows {
        out.push_str("<w:tr>");
        for (c, w) in row.iter().zip(&cols) {
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
            if let Some(r) = c.rag {
                let _ = write!(
                    out,
                    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>",
                    rag_fill(r)
                );
            }
            out.push_str("</w:tcPr>");
            paragraph(out, None, &c.text, c.rag.is_some());
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, and it spaces the next block.
    out.push_str("<w:p/>");
}

fn document_xml(report: &Report) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>"#,
    );
    let mut charts = 0;
    paragraph(&mut out, Some("Title"), &report.title, false);
    paragraph(&mut out, Some("Subtitle"), &report.subtitle, false);
    for b in &report.blocks {
        match b {
            Block::Heading { level, text } => {
                let style = match level {
                    0..=2 => "Heading2",
                    3 => "Heading3",
                    _ => "Heading4",
                };
                paragraph(&mut out, Some(style), text, false);
            }
            Block::Paragraph(p) => paragraph(&mut out, None, p, false),
            Block::Bullets(items) => {
                for i in items {
                    paragraph(&mut out, Some("ListBullet"), &format!("•\u{a0}{i}"), false);
                }
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => {
                charts += 1;
                chart_paragraph(&mut out, c, charts);
            }
        }
    }
    out.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
    out
}

fn core_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>Heed</dc:creator><dc:language>en-GB</dc:language></cp:coreProperties>"#,
        esc(title)
    )
}

pub fn write(report: &Report) -> Result<Vec<u8>, ReportError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let charts: Vec<&Chart> = report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect();
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", content_types(charts.len())),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", doc_rels(charts.len())),
        ("word/styles.xml", STYLES.to_string()),
        ("docProps/core.xml", core_xml(&report.title)),
        ("word/document.xml", document_xml(report)),
    ];
    for (name, body) in parts {
        zip.start_file(name, opts)?;
        zip.write_all(body.as_bytes())?;
    }
    for (i, c) in charts.iter().enumerate() {
        let k = i + 1;
        zip.start_file(format!("word/charts/chart{k}.xml"), opts)?;
        zip.write_all(chart_xml(c).as_bytes())?;
        zip.start_file(format!("word/charts/_rels/chart{k}.xml.rels"), opts)?;
        zip.write_all(chart_rels(k).as_bytes())?;
        // The workbook is a zip already: stored, not compressed again.
        zip.start_file(
            format!("word/embeddings/chart{k}.xlsx"),
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored),
        )?;
        zip.write_all(&chart_workbook(c)?)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bar;
    use heed_core::Rag;
    use std::io::Read;

    fn part(bytes: &[u8], name: &str) -> Vec<u8> {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut f = z.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut out = Vec::new();
        f.read_to_end(&mut out).expect("read");
        out
    }

    #[test]
    fn charts_are_drawingml_with_cached_data_and_alt_text() {
        let chart = Chart {
            title: "Items by RAG rating".into(),
            bars: vec![
                Bar {
                    label: "Red".into(),
                    value: 3,
                    rag: Some(Rag::Red),
                },
                Bar {
                    label: "Not rated & other".into(),
                    value: 12,
                    rag: None,
                },
            ],
        };
        let report = Report {
            title: "T".into(),
            subtitle: String::new(),
            blocks: vec![Block::Chart(chart.clone()), Block::Chart(chart)],
            sheets: Vec::new(),
        };
        let bytes = write(&report).expect("writes");
        let text = |name: &str| String::from_utf8(part(&bytes, name)).expect("UTF-8");
        let types = text("[Content_Types].xml");
        let rels = text("word/_rels/document.xml.rels");
        let doc = text("word/document.xml");
        for k in [1, 2] {
            assert!(types.contains(&format!(r#"PartName="/word/charts/chart{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml""#)));
            assert!(rels.contains(&format!(r#"Id="rIdChart{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{k}.xml""#)));
            assert!(doc.contains(&format!(r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart{k}"/>"#)));
            assert!(
                text(&format!("word/charts/_rels/chart{k}.xml.rels"))
                    .contains(&format!("Target=\"../embeddings/chart{k}.xlsx\""))
            );
        }
        assert!(
            doc.contains(
                r#"descr="Bar chart: Items by RAG rating. Red 3, Not rated &amp; other 12.""#
            ),
            "{doc}"
        );
        let c = text("word/charts/chart1.xml");
        for want in [
            r#"<c:barDir val="bar"/>"#,
            r#"<c:f>Sheet1!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>Red</c:v></c:pt><c:pt idx="1"><c:v>Not rated &amp; other</c:v></c:pt>"#,
            r#"<c:f>Sheet1!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/><c:pt idx="0"><c:v>3</c:v></c:pt><c:pt idx="1"><c:v>12</c:v></c:pt>"#,
            r#"<c:dPt><c:idx val="0"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="C0392B"/>"#,
            r#"<c:externalData r:id="rId1">"#,
        ] {
            assert!(c.contains(want), "missing {want} in {c}");
        }
        // The embedded workbook holds the same numbers.
        let wb = part(&bytes, "word/embeddings/chart1.xlsx");
        let sheet = String::from_utf8(part(&wb, "xl/worksheets/sheet1.xml")).expect("UTF-8");
        assert!(sheet.contains("<v>12</v>"), "{sheet}");
    }
}
