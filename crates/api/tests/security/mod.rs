//! The security suite: what an attacker tried against Puente, replayed against the real server
//! (the application on a loopback socket, or the built `puente` binary where the operator's
//! commands are part of the story). Each module is one finding of the security review and the
//! behaviour that now holds.

mod account_page;
mod claims;
mod cookies;
#[cfg(unix)]
mod data_folder;
mod deletion;
mod exports;
mod headers;
mod injection;
mod keys;
mod logins;
mod mfa;
mod passwords;
mod quota;
mod redirects;
mod registrations;
mod scan;
mod server;
mod sessions;
mod uploads;
