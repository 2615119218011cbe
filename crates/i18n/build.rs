//! The Fluent files are compiled into the crate by a macro, which Cargo cannot see: rebuild
//! whenever a file under `locales/` is added or changed.

fn main() {
    println!("cargo:rerun-if-changed=../../locales");
}
