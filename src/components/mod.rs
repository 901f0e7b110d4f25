//! The UI: one component family per file, named after its main component.
//!
//! Components read [`crate::state::AppState`] from context and change it only through its
//! methods. Text from feeds is rendered as text everywhere; the single exception is
//! [`safe_html::SafeHtml`], which takes nothing but a `SanitizedHtml`.

mod app;
mod article_list;
mod article_view;
mod masthead;
mod meta;
mod notices;
mod safe_html;

pub use app::App;
pub use article_list::ArticleList;
pub use article_view::ArticleView;
