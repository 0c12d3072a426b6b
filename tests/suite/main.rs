//! The integration test suite: one binary, one module per feature.

mod atomic;
mod brand;
mod cards;
mod common;
mod config;
mod errors;
mod example;
mod hostile;
mod html;
mod images;
mod imports;
mod inline_questions;
mod invalid;
mod layout;
mod loss;
mod markdown;
mod packs;
mod pathological;
mod pinned;
mod quality;
mod readme;
mod render;
mod structure;
mod tagged;
mod unanswered;
mod watch;
