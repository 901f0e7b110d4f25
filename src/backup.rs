//! A backup: everything the reader keeps (settings, subscriptions, folders, read and star
//! marks) in one JSON file, to move to another browser or to keep safe.
//!
//! The file names its app and its format version, so that a wrong file (an OPML list, another
//! app's JSON, `{}`) is told apart from a damaged backup, and a backup from a newer Rillet is
//! refused rather than misread. Older formats are migrated forward step by step (see
//! [`MIGRATIONS`]).
//! Owns: the backup file's shape, its versions and migrations. Must not touch: the DOM,
//! files, storage (the UI reads and writes the text and stores the result), or the wording of
//! messages (`messages::backup_error`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::library::Library;
use crate::storage::Settings;

/// The `app` value of a Rillet backup.
pub const BACKUP_APP: &str = "rillet";

/// The backup format this version writes.
pub const BACKUP_VERSION: u32 = 1;

/// Everything the reader keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`BACKUP_APP`].
    pub app: String,
    /// The format version ([`BACKUP_VERSION`] once read).
    pub version: u32,
    /// When it was made, as the UI wrote it (an RFC 3339 instant).
    #[serde(default)]
    pub exported_at: String,
    /// Missing fields take their defaults, as stored settings do.
    #[serde(default)]
    pub settings: Settings,
    pub library: Library,
}

/// Why a file could not be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is empty")]
    Empty,
    /// Not JSON at all.
    #[error("the file is not JSON ({0})")]
    NotJson(String),
    /// An OPML subscription list: it belongs to the OPML import.
    #[error("the file is an OPML subscription list, not a backup")]
    Opml,
    /// JSON, but not a Rillet backup (`app` names another app, or is missing).
    #[error("the file is not a Rillet backup")]
    Foreign {
        /// The `app` it names, if any.
        app: Option<String>,
    },
    /// Written by a newer Rillet, in a format this one does not know.
    #[error("the backup was made by a newer version of Rillet (format {0})")]
    Newer(u32),
    /// A Rillet backup with a part that cannot be read.
    #[error("the backup is damaged ({0})")]
    Unreadable(String),
}

/// One migration step: a backup's JSON in format `n` to format `n + 1`.
type Migration = fn(Value) -> Result<Value, BackupError>;

/// `MIGRATIONS[i]` lifts format `i + 1` to `i + 2`. Format 2 adds its step here (and bumps
/// [`BACKUP_VERSION`]); a test checks that the two agree.
const MIGRATIONS: &[Migration] = &[];

/// The backup as pretty JSON (people do open these files).
pub fn export_backup(settings: &Settings, library: &Library, exported_at: &str) -> String {
    #[derive(Serialize)]
    struct BackupRef<'a> {
        app: &'a str,
        version: u32,
        exported_at: &'a str,
        settings: &'a Settings,
        library: &'a Library,
    }
    let backup = BackupRef {
        app: BACKUP_APP,
        version: BACKUP_VERSION,
        exported_at,
        settings,
        library,
    };
    serde_json::to_string_pretty(&backup).expect("plain data serializes")
}

/// Reads a backup: checks it is Rillet's, refuses newer formats, migrates older ones, and
/// rebuilds the library's lookup table.
pub fn import_backup(text: &str) -> Result<Backup, BackupError> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(BackupError::Empty);
    }
    if text.starts_with('<') {
        let head = text
            .get(..text.len().min(1024))
            .unwrap_or(text)
            .to_ascii_lowercase();
        if head.contains("<opml") {
            return Err(BackupError::Opml);
        }
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| BackupError::NotJson(e.to_string()))?;
    let app = value.get("app").map(|a| a.as_str().map(str::to_string));
    match app {
        Some(Some(app)) if app == BACKUP_APP => {}
        Some(app) => return Err(BackupError::Foreign { app }),
        None => return Err(BackupError::Foreign { app: None }),
    }
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| BackupError::Unreadable("no format version".into()))?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > BACKUP_VERSION {
        return Err(BackupError::Newer(version));
    }
    let value = migrate(version, value)?;
    let mut backup: Backup =
        serde_json::from_value(value).map_err(|e| BackupError::Unreadable(e.to_string()))?;
    backup.version = BACKUP_VERSION;
    repair(&mut backup.library);
    backup.library.reindex();
    Ok(backup)
}

/// Brings format `version` up to [`BACKUP_VERSION`], one step at a time.
fn migrate(version: u32, mut value: Value) -> Result<Value, BackupError> {
    let Some(first) = (version as usize).checked_sub(1) else {
        return Err(BackupError::Unreadable(format!("unknown format {version}")));
    };
    for step in &MIGRATIONS[first.min(MIGRATIONS.len())..] {
        value = step(value)?;
    }
    Ok(value)
}

/// Lists every folder a subscription names (a backup edited by hand may lack some), so the
/// sidebar shows every subscription.
fn repair(library: &mut Library) {
    for sub in &library.subscriptions {
        if let Some(folder) = &sub.folder {
            if !library.folders.contains(folder) {
                library.folders.push(folder.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;
    use crate::library::Subscription;
    use crate::model::Entry;
    use crate::storage::Theme;

    const FEED: &str = "https://blog.example/feed";

    fn entry(id: &str) -> Entry {
        Entry {
            id: Some(id.into()),
            title: Some(format!("Post {id}")),
            link: Some(format!("https://blog.example/{id}")),
            published: Timestamp::from_utc_fields(2026, 3, 1, 9, 0, 0),
            ..Entry::default()
        }
    }

    fn sample() -> (Settings, Library) {
        let settings = Settings {
            theme: Theme::Dark,
            remote_images: false,
            proxies: vec!["https://proxy.example/?url={url}".into()],
            ..Settings::default()
        };
        let mut library = Library::default();
        library.subscribe(Subscription {
            name: Some("Mine".into()),
            folder: Some("Tech".into()),
            ..Subscription::new(FEED)
        });
        library.subscribe(Subscription::new("https://other.example/rss"));
        library.folders.push("Empty".into());
        library.set_read(FEED, &entry("1"), true);
        library.set_starred(FEED, &entry("2"), true);
        (settings, library)
    }

    // Why: a backup must bring back everything: settings, subscriptions, folders (empty ones
    // too), read and star marks, with the lookup rebuilt so marks are found at once.
    #[test]
    fn a_backup_round_trips() {
        let (settings, library) = sample();
        let text = export_backup(&settings, &library, "2026-03-03T10:00:00Z");
        assert!(
            text.contains("\"app\": \"rillet\""),
            "pretty, and names its app: {text}"
        );
        let back = import_backup(&text).unwrap();
        assert_eq!(back.app, BACKUP_APP);
        assert_eq!(back.version, BACKUP_VERSION);
        assert_eq!(back.exported_at, "2026-03-03T10:00:00Z");
        assert_eq!(back.settings, settings);
        assert_eq!(back.library, library);
        assert!(back.library.is_read(FEED, &entry("1")));
        assert!(back.library.is_starred(FEED, &entry("2")));
        assert!(!back.library.is_read(FEED, &entry("3")));
        assert_eq!(back.library.starred().count(), 1);
    }

    // Why: picking the wrong file is the common mistake; each kind gets its own error so the
    // reader is told what they picked.
    #[test]
    fn files_that_are_not_rillet_backups_are_named() {
        let opml = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body/></opml>";
        let feedly = r#"[{"id":"feed/https://xkcd.com/atom.xml","title":"xkcd",
            "categories":[{"id":"user/x/category/Comics","label":"Comics"}]}]"#;
        let cases: &[(&str, BackupError)] = &[
            ("", BackupError::Empty),
            ("\u{feff} \n", BackupError::Empty),
            (opml, BackupError::Opml),
            (feedly, BackupError::Foreign { app: None }),
            ("{}", BackupError::Foreign { app: None }),
            (
                r#"{"version":1,"data":{"theme":"dark"}}"#,
                BackupError::Foreign { app: None },
            ),
            (
                r#"{"app":"miniflux","version":1}"#,
                BackupError::Foreign {
                    app: Some("miniflux".into()),
                },
            ),
            (r#"{"app":7}"#, BackupError::Foreign { app: None }),
        ];
        for (text, want) in cases {
            assert_eq!(import_backup(text).as_ref(), Err(want), "{text}");
        }
        for text in ["<rss version=\"2.0\"/>", "not json", "{\"app\":\"rillet\""] {
            assert!(
                matches!(import_backup(text), Err(BackupError::NotJson(_))),
                "{text}"
            );
        }
    }

    // Why: an older Rillet must not misread (and then overwrite) what a newer one wrote.
    #[test]
    fn a_newer_backup_is_refused() {
        let text = r#"{"app":"rillet","version":2,"library":{"subscriptions":[],"shiny":1}}"#;
        assert_eq!(import_backup(text), Err(BackupError::Newer(2)));
        let huge = r#"{"app":"rillet","version":99999999999}"#;
        assert_eq!(import_backup(huge), Err(BackupError::Newer(u32::MAX)));
    }

    // Why: a Rillet backup with a broken part is "damaged", not "someone else's file".
    #[test]
    fn a_damaged_backup_says_so() {
        for text in [
            r#"{"app":"rillet"}"#,
            r#"{"app":"rillet","version":"1","library":{"subscriptions":[]}}"#,
            r#"{"app":"rillet","version":1}"#,
            r#"{"app":"rillet","version":1,"library":{"subscriptions":"none"}}"#,
            r#"{"app":"rillet","version":1,"settings":{"theme":"plaid"},"library":{"subscriptions":[]}}"#,
        ] {
            assert!(
                matches!(import_backup(text), Err(BackupError::Unreadable(_))),
                "{text}"
            );
        }
    }

    // Why: a minimal backup (only a library) is enough; settings take their defaults, and a
    // folder a subscription names is listed even if the backup's folder list lacks it.
    #[test]
    fn a_minimal_backup_fills_in_defaults() {
        let text = r#"{"app":"rillet","version":1,"library":{"subscriptions":[
            {"url":"https://a.example/feed","folder":"News"}]}}"#;
        let back = import_backup(text).unwrap();
        assert_eq!(back.settings, Settings::default());
        assert_eq!(back.exported_at, "");
        assert_eq!(back.library.folders, ["News"]);
    }

    // Why: each format but the newest needs exactly one step up, or a backup is misread.
    #[test]
    fn there_is_one_migration_per_older_format() {
        assert_eq!(MIGRATIONS.len() + 1, BACKUP_VERSION as usize);
    }

    // Why: format 0 never existed; it is not "older", it is wrong.
    #[test]
    fn format_zero_is_unreadable() {
        let text = r#"{"app":"rillet","version":0,"library":{"subscriptions":[]}}"#;
        assert!(matches!(
            import_backup(text),
            Err(BackupError::Unreadable(_))
        ));
    }

    // Why: every error has words, and a newer backup tells the reader how to get past it.
    #[test]
    fn every_error_has_words() {
        use crate::messages::backup_error;
        let all = [
            BackupError::Empty,
            BackupError::NotJson("expected value".into()),
            BackupError::Opml,
            BackupError::Foreign { app: None },
            BackupError::Foreign {
                app: Some("miniflux".into()),
            },
            BackupError::Newer(3),
            BackupError::Unreadable("missing field `library`".into()),
        ];
        for e in &all {
            let m = backup_error(e);
            assert!(!m.title.is_empty() && !m.detail.is_empty(), "{e:?}");
        }
        let m = backup_error(&BackupError::Newer(3));
        assert!(m.detail.contains("format 3") && m.detail.contains("format 1"));
        assert!(m.hint.unwrap().contains("Reload"));
        let m = backup_error(&BackupError::Foreign {
            app: Some("miniflux".into()),
        });
        assert!(m.detail.contains("miniflux"));
    }
}
