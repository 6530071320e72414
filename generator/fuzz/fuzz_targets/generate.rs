//! Any byte string as a spec gives either a crate or an error: no panic, no
//! stack overflow, no hang (libFuzzer's `-timeout` catches those).
//!
//! A panic counts only if it escapes `generate_from_bytes`. The generator
//! turns a panic inside `openapiv3`'s parser into an error with
//! `catch_unwind` (`load::parse`), and libfuzzer-sys's own panic hook would
//! abort on that one too although it is caught; so the hook here only keeps
//! the message and backtrace, and they are printed before aborting when a
//! panic does get out.
#![no_main]

use std::backtrace::Backtrace;
use std::cell::RefCell;
use std::path::Path;
use std::sync::Once;

use libfuzzer_sys::fuzz_target;

thread_local! {
    static LAST_PANIC: RefCell<Option<(String, Backtrace)>> = const { RefCell::new(None) };
}

fn keep_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let panic = (info.to_string(), Backtrace::force_capture());
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(panic));
        }));
    });
}

fn generate(bytes: &[u8]) {
    let generator = apigen::Generator::new();
    let _ = generator.generate_from_bytes(Path::new("fuzz.yaml"), bytes);
    // JSON goes through a different parser and error path; half the inputs
    // take it too, so the corpus entries stay useful for both.
    if bytes.first().is_some_and(|byte| byte % 2 == 0) {
        let _ = generator.generate_from_bytes(Path::new("fuzz.json"), bytes);
    }
}

fuzz_target!(|bytes: &[u8]| {
    keep_panics();
    if std::panic::catch_unwind(|| generate(bytes)).is_err() {
        let (message, backtrace) = LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| ("(no message)".to_owned(), Backtrace::disabled()));
        eprintln!("panic escaped generate_from_bytes: {message}\n{backtrace}");
        std::process::abort();
    }
});
