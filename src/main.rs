//! The browser entry point: a panic hook, then mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(rillet::components::App);
}

/// Natively there is no app to run: the library and the examples are the native surface.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Rillet runs in the browser: `make serve` builds it and serves it on http://127.0.0.1:8080"
    );
    std::process::exit(2);
}
