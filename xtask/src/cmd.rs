//! Running the tools a check needs, each announced and timed: what every step of
//! `cargo xtask test` shares.

use std::process::Command;
use std::time::Instant;

/// Prints the title of a step.
pub fn banner(title: &str) {
    println!("\n==> {title}");
}

/// Runs `cmd`, announced as `title`, and reports whether it succeeded and how long it took.
pub fn run_cmd(cmd: &mut Command, title: &str) -> bool {
    banner(title);
    let start = Instant::now();
    let ok = match cmd.status() {
        Ok(s) => s.success(),
        Err(e) => {
            eprintln!("cannot run {title}: {e}");
            false
        }
    };
    println!(
        "<== {title}: {} in {:.1?}",
        if ok { "ok" } else { "FAILED" },
        start.elapsed()
    );
    ok
}
