//! The leak guard of one output, in two halves: the first reads the
//! Markdown while the pages are laid out, the second the typeset text
//! once they are.
//!
//! A custom template must not be able to leak answers or listen-for items
//! into a candidate's copy, in its Markdown or in its pages. A phrase found
//! is excused when the selected questions say it outside the hidden parts
//! (see [`Guard::public_words`]) or the output may print it anyway (see
//! [`Guard::allowed`]), and whether it is does not depend on any other
//! phrase: so the phrases found in the Markdown are excused in the first
//! half, and only those the pages add in the second.

use super::Guide;
use crate::bank::Question;
use crate::config::Output;
use crate::diag::Result;
use crate::{leak, render, select};

/// What the first half found: the output's phrases, those found in its
/// Markdown, and which of them are excused. The texts that excused them
/// are not kept: they are as long as the output, and the pages seldom add
/// a phrase the Markdown did not have.
pub(super) struct Early {
    book: leak::Phrasebook,
    found: leak::Hits,
    excused: leak::Hits,
}

/// Everything the guard of one output reads besides its texts.
pub(super) struct Guard<'a> {
    pub(super) guide: &'a Guide,
    pub(super) output: &'a Output,
    pub(super) selection: &'a select::Selection,
    /// The selection's questions, in order.
    pub(super) selected: &'a [&'a Question],
    pub(super) templates: &'a render::Templates,
}

impl Guard<'_> {
    /// Whether the output hides answers or listen-for items.
    pub(super) fn hides(&self) -> bool {
        !self.output.show.answer || !self.output.show.listen_for
    }

    /// The first half: gathers the phrases, looks for them in `markdown`,
    /// and excuses those found.
    pub(super) fn early(&self, markdown: &str) -> Option<Early> {
        if !self.hides() {
            return None;
        }
        let show = &self.output.show;
        let book = leak::Phrasebook::new(self.selected, !show.answer, !show.listen_for);
        let found = book.search(&[markdown]);
        let excused = self.excuse(&book, &found);
        Some(Early {
            book,
            found,
            excused,
        })
    }

    /// The second half: looks for the phrases in `typeset`, excuses those
    /// the Markdown did not have, and fails with one diagnostic per leak.
    pub(super) fn finish(&self, early: Option<Early>, typeset: &str) -> Result<()> {
        let Some(Early {
            book,
            found,
            excused,
        }) = early
        else {
            return Ok(());
        };
        let added = book.search(&[typeset]).without(&found);
        let excused = excused.or(&self.excuse(&book, &added));
        let leaks = book.leaks(found.or(&added), excused, self.selected);
        if leaks.is_empty() {
            return Ok(());
        }
        let output = self.output;
        Err(leak::diagnostics(leaks, &output.name, &output.template)
            .into_iter()
            .map(|d| d.at(output.name_span.clone()))
            .collect::<Vec<_>>()
            .into())
    }

    /// Which of `found` the output may print anyway. The bank's own words
    /// are asked first: a phrase that is also in a question, its guidance or
    /// a part the output shows is no secret, and excusing it there saves
    /// rendering the template again (as long as the output) just to find
    /// the same words in it.
    fn excuse(&self, book: &leak::Phrasebook, found: &leak::Hits) -> leak::Hits {
        if !found.any() {
            return book.none();
        }
        let public = book.excused(found, &[&self.public_words()]);
        let rest = found.without(&public);
        if !rest.any() {
            return public;
        }
        let texts = self.allowed();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        public.or(&book.excused(&rest, &texts))
    }

    /// What the selected questions say outside the parts the output hides:
    /// every field a template is given when those parts are left out.
    fn public_words(&self) -> String {
        let show = &self.output.show;
        let mut out = String::new();
        let mut add = |text: &str| {
            out.push_str(text);
            out.push_str("\n\n");
        };
        for q in self.selected {
            for field in [&q.question, &q.body, &q.why, &q.section] {
                add(field);
            }
            q.tags.iter().for_each(|t| add(t));
            if show.answer {
                add(&q.answer);
            }
            if show.listen_for {
                q.listen_for.iter().for_each(|t| add(t));
            }
        }
        out
    }

    /// What the output may print: the same template rendered without the
    /// parts it hides, and the words of the page furniture.
    fn allowed(&self) -> Vec<String> {
        let (guide, output) = (self.guide, self.output);
        let mut texts = vec!["Page of Contents continued Copy".to_string()];
        texts.extend(output.brand.organization.clone());
        let blank = render::Blank {
            answer: !output.show.answer,
            listen_for: !output.show.listen_for,
        };
        texts.extend(
            self.templates
                .render_blanking(
                    &guide.config,
                    output,
                    self.selection,
                    &guide.questions,
                    blank,
                )
                .ok(),
        );
        texts
    }
}
