//! The widget's entry point (`embed.html`): mount the widget.
//!
//! No panic hook, unlike the app's `main.rs`: the widget has a byte budget (README, "The
//! widget"), and the hook's message formatting costs about 1 KB of brotli. A panic still shows
//! in the console, as a WebAssembly `unreachable` trap.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(rillet::widget::Widget);
}

/// Natively there is no widget to run: see `main.rs`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Rillet's widget runs in the browser: `make build` writes it to dist/embed.html");
    std::process::exit(2);
}
