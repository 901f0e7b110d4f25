//! The UI: one component family per file, named after its main component.
//!
//! Components read [`crate::state::AppState`] from context and change it only through its
//! methods. Text from feeds is rendered as text everywhere; the single exception is
//! [`safe_html::SafeHtml`], which takes nothing but a `SanitizedHtml`.

mod app;
mod article_body;
mod article_list;
mod article_view;
mod backup_section;
mod dialog;
mod embed_panel;
mod help;
mod keyboard;
mod list_controls;
mod masthead;
mod meta;
mod notices;
mod safe_html;
mod settings;
mod sidebar;
mod subscription;

pub use app::{App, ListItems};
pub use article_list::ArticleList;
pub use article_view::ArticleView;
