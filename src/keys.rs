//! Keyboard shortcuts, as data: one table ([`BINDINGS`]) decides what a key does and is what
//! the help overlay lists ([`SHORTCUTS`]), so the two cannot disagree.
//!
//! Keys are `KeyboardEvent.key` values. Letters match whatever their case, so Caps Lock does
//! not turn the shortcuts off, but Shift must be held exactly when a binding asks for it
//! (Shift+A marks everything read; a plain `a` does nothing). For other keys (`/`, `?`,
//! Enter) Shift is ignored: on many layouts `?`, and even `/`, need it.
//! Owns: which key means which command. Must not touch: the DOM (the UI listens, and tells
//! whether focus is in a text field), or what the commands do.

/// Something the reader can do from the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Next,
    Previous,
    Open,
    Back,
    ToggleRead,
    ToggleStar,
    Search,
    Refresh,
    MarkAllRead,
    Help,
}

impl Command {
    /// Every command, in the order the help lists them.
    pub const ALL: [Command; 10] = [
        Command::Next,
        Command::Previous,
        Command::Open,
        Command::Back,
        Command::ToggleRead,
        Command::ToggleStar,
        Command::Search,
        Command::Refresh,
        Command::MarkAllRead,
        Command::Help,
    ];
}

/// One shortcut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub command: Command,
    /// The `KeyboardEvent.key` values that trigger it.
    pub keys: &'static [&'static str],
    /// Whether Shift must be held (for letters; see the module doc).
    pub shift: bool,
    /// The keys as the help shows them.
    pub shown: &'static str,
    /// What it does, as the help says it.
    pub does: &'static str,
}

/// Every shortcut, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    bind(Command::Next, &["j"], false, "j", "Next article"),
    bind(Command::Previous, &["k"], false, "k", "Previous article"),
    bind(
        Command::Open,
        &["o", "Enter"],
        false,
        "o or Enter",
        "Open the article",
    ),
    bind(
        Command::Back,
        &["u", "Escape"],
        false,
        "u or Esc",
        "Back to the list",
    ),
    bind(
        Command::ToggleRead,
        &["m"],
        false,
        "m",
        "Mark read or unread",
    ),
    bind(Command::ToggleStar, &["s"], false, "s", "Star or unstar"),
    bind(Command::Search, &["/"], false, "/", "Search"),
    bind(Command::Refresh, &["r"], false, "r", "Refresh"),
    bind(
        Command::MarkAllRead,
        &["a"],
        true,
        "Shift+A",
        "Mark all as read",
    ),
    bind(
        Command::Help,
        &["?"],
        false,
        "?",
        "Show the keyboard shortcuts",
    ),
];

const fn bind(
    command: Command,
    keys: &'static [&'static str],
    shift: bool,
    shown: &'static str,
    does: &'static str,
) -> Binding {
    Binding {
        command,
        keys,
        shift,
        shown,
        does,
    }
}

/// The help overlay's table: (keys as shown, what they do), read from [`BINDINGS`].
pub const SHORTCUTS: &[(&str, &str)] = &SHORTCUT_ROWS;

const SHORTCUT_ROWS: [(&str, &str); BINDINGS.len()] = {
    let mut rows = [("", ""); BINDINGS.len()];
    let mut i = 0;
    while i < BINDINGS.len() {
        rows[i] = (BINDINGS[i].shown, BINDINGS[i].does);
        i += 1;
    }
    rows
};

/// The command for a key press, if any. Nothing fires with Ctrl, Alt or Meta held (those
/// are the browser's and the system's), and nothing fires while `typing` (focus is in a text
/// field) except Escape, which is how one leaves the field.
pub fn command_for(
    key: &str,
    shift: bool,
    ctrl: bool,
    alt: bool,
    meta: bool,
    typing: bool,
) -> Option<Command> {
    if ctrl || alt || meta || (typing && key != "Escape") {
        return None;
    }
    BINDINGS
        .iter()
        .find(|b| b.keys.iter().any(|k| key_matches(k, key, b.shift, shift)))
        .map(|b| b.command)
}

fn key_matches(bound: &str, pressed: &str, wants_shift: bool, shift: bool) -> bool {
    let is_letter = |s: &str| s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic();
    if is_letter(bound) {
        is_letter(pressed) && bound.eq_ignore_ascii_case(pressed) && wants_shift == shift
    } else {
        bound == pressed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Why: the shortcuts of issue 6, key by key, with the modifier and typing rules.
    #[test]
    fn key_table() {
        use Command::*;
        /// (key, shift, ctrl, alt, meta, typing) → command
        type Row = (&'static str, bool, bool, bool, bool, bool, Option<Command>);
        let table: &[Row] = &[
            ("j", false, false, false, false, false, Some(Next)),
            ("k", false, false, false, false, false, Some(Previous)),
            ("o", false, false, false, false, false, Some(Open)),
            ("Enter", false, false, false, false, false, Some(Open)),
            ("u", false, false, false, false, false, Some(Back)),
            ("Escape", false, false, false, false, false, Some(Back)),
            ("m", false, false, false, false, false, Some(ToggleRead)),
            ("s", false, false, false, false, false, Some(ToggleStar)),
            ("/", false, false, false, false, false, Some(Search)),
            ("r", false, false, false, false, false, Some(Refresh)),
            ("A", true, false, false, false, false, Some(MarkAllRead)),
            ("?", true, false, false, false, false, Some(Help)),
            // Caps Lock: an upper-case letter without Shift is still the letter.
            ("J", false, false, false, false, false, Some(Next)),
            // Caps Lock and Shift: some systems report the lower-case letter.
            ("a", true, false, false, false, false, Some(MarkAllRead)),
            // Shift changes a letter's meaning: plain `a` is nothing, Shift+J is not `j`.
            ("a", false, false, false, false, false, None),
            ("J", true, false, false, false, false, None),
            // Layouts where `/` needs Shift (German: Shift+7).
            ("/", true, false, false, false, false, Some(Search)),
            // The browser's and the system's: Ctrl+R reloads, Cmd+J opens downloads …
            ("r", false, true, false, false, false, None),
            ("j", false, false, false, true, false, None),
            ("s", false, false, true, false, false, None),
            ("Escape", false, true, false, false, false, None),
            // Typing in a field: letters are text, Escape leaves.
            ("j", false, false, false, false, true, None),
            ("/", false, false, false, false, true, None),
            ("Enter", false, false, false, false, true, None),
            ("Escape", false, false, false, false, true, Some(Back)),
            // Keys that mean nothing here.
            ("x", false, false, false, false, false, None),
            ("ArrowDown", false, false, false, false, false, None),
            ("", false, false, false, false, false, None),
            ("jk", false, false, false, false, false, None),
        ];
        for &(key, shift, ctrl, alt, meta, typing, want) in table {
            let got = command_for(key, shift, ctrl, alt, meta, typing);
            assert_eq!(
                got, want,
                "{key:?} shift={shift} ctrl={ctrl} alt={alt} meta={meta} typing={typing}"
            );
        }
    }

    // Why: the help must list every command, and list it as the table that drives the keys.
    #[test]
    fn every_command_is_in_the_help() {
        for command in Command::ALL {
            let binding = BINDINGS.iter().find(|b| b.command == command);
            let binding = binding.unwrap_or_else(|| panic!("{command:?} has no binding"));
            assert!(
                SHORTCUTS.contains(&(binding.shown, binding.does)),
                "{command:?}"
            );
            assert!(!binding.does.is_empty());
        }
        assert_eq!(SHORTCUTS.len(), BINDINGS.len());
        assert_eq!(BINDINGS.len(), Command::ALL.len());
    }

    // Why: every key a binding lists really triggers it, is named in the help, and belongs to
    // one binding only.
    #[test]
    fn every_bound_key_works_and_is_shown() {
        for binding in BINDINGS {
            for key in binding.keys {
                let got = command_for(key, binding.shift, false, false, false, false);
                assert_eq!(got, Some(binding.command), "{key}");
                let shown = binding.shown.to_ascii_lowercase();
                let named = if *key == "Escape" { "esc" } else { key };
                assert!(
                    shown.contains(&named.to_ascii_lowercase()),
                    "{key} in {:?}",
                    binding.shown
                );
                let owners = BINDINGS.iter().filter(|b| b.keys.contains(key)).count();
                assert_eq!(owners, 1, "{key}");
            }
        }
    }
}
