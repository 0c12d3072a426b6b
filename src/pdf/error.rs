//! Why a frame could not be written as PDF.

use crate::frame::FaceId;

/// Why [`write`](super::write) failed. None of these comes from the user's
/// input: each points to a font that cannot be embedded, or to printpdf or
/// lopdf producing a document other than the one this module expects.
#[derive(Debug)]
#[non_exhaustive]
pub enum PdfError {
    /// The face's font could not be parsed for embedding.
    Font(FaceId),
    /// A page printpdf wrote has no content stream to replace.
    NoContentStream(lopdf::Error),
    /// The face's font could not be subset to the glyphs the document uses.
    Subset(FaceId, subsetter::Error),
    /// A page's content stream could not be replaced by the one written here.
    ReplaceContent(lopdf::Error),
    /// The outline, page labels or metadata could not be added.
    PostProcess(lopdf::Error),
    /// lopdf could not serialise the document.
    Save(std::io::Error),
}

impl PdfError {
    /// The face whose font failed, if a font did.
    pub fn face(&self) -> Option<FaceId> {
        match self {
            PdfError::Font(face) | PdfError::Subset(face, _) => Some(*face),
            _ => None,
        }
    }
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Font(face) => {
                write!(f, "font for {face:?} could not be prepared for embedding")
            }
            PdfError::NoContentStream(e) => write!(f, "PDF page has no content stream: {e}"),
            PdfError::Subset(face, e) => {
                write!(
                    f,
                    "font for {face:?} could not be subset for embedding: {e}"
                )
            }
            PdfError::ReplaceContent(e) => {
                write!(f, "PDF page content could not be replaced: {e}")
            }
            PdfError::PostProcess(e) => write!(f, "PDF post-processing failed: {e}"),
            PdfError::Save(e) => write!(f, "PDF could not be written: {e}"),
        }
    }
}

impl std::error::Error for PdfError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PdfError::NoContentStream(e)
            | PdfError::ReplaceContent(e)
            | PdfError::PostProcess(e) => Some(e),
            PdfError::Save(e) => Some(e),
            PdfError::Subset(_, e) => Some(e),
            PdfError::Font(_) => None,
        }
    }
}
