//! A child process whose own children die with it. chromedriver starts Chromium, and killed
//! alone it leaves the browser running; so its descendants, found in `/proc`, are killed too.
//! They stay in the test's process group, so an interrupt from the terminal reaches them as
//! well.

use std::collections::HashMap;
use std::process::Child;

use rustix::process::{Pid, Signal, kill_process};

/// A child process killed, with every process it started, when dropped.
pub(crate) struct ProcessTree(pub(crate) Child);

impl Drop for ProcessTree {
    fn drop(&mut self) {
        // The tree is read before anything dies: an orphan is adopted by init and lost.
        let descendants = descendants(self.0.id());
        // Already gone is fine; nothing else can be done about a failure here.
        let _ = self.0.kill();
        for pid in descendants {
            let _ = kill_process(pid, Signal::KILL);
        }
        let _ = self.0.wait();
    }
}

/// Every living process below `root`, from `/proc/<pid>/stat`.
fn descendants(root: u32) -> Vec<Pid> {
    let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if let Some(parent) = parent_of(pid) {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut found = Vec::new();
    let mut queue = i32::try_from(root).map(|r| vec![r]).unwrap_or_default();
    while let Some(pid) = queue.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            found.extend(Pid::from_raw(child));
            queue.push(child);
        }
    }
    found
}

/// The parent's pid: the second field after the command name, which is in parentheses and may
/// itself hold spaces and parentheses ("1234 (chromium) S 1200 …").
fn parent_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(1)?.parse().ok()
}
