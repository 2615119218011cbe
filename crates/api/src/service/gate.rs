//! A bound on costly work that many requests may ask for at once: at most so many run, a few
//! times as many wait, and beyond that a request is refused with 503 and `Retry-After` (the
//! client tries again shortly) rather than letting memory grow with the crowd. Password hashing
//! (19 MiB each) and the caseload report (the caseload's figures in memory) pass through one.

use tokio::sync::{Semaphore, SemaphorePermit};

use super::Error;

/// How many may run at once, and how many may wait for them.
pub struct Gate {
    running: Semaphore,
    queue: Semaphore,
}

/// A place inside the gate, given back when dropped.
pub struct Pass<'a> {
    _queued: SemaphorePermit<'a>,
    _running: SemaphorePermit<'a>,
}

impl Gate {
    /// At most `running` at once (0: one per processor core), and `waiting_per_runner` times as
    /// many in all, waiting included.
    pub fn new(running: usize, waiting_per_runner: usize) -> Gate {
        let running = if running == 0 {
            std::thread::available_parallelism().map_or(2, usize::from)
        } else {
            running
        };
        Gate {
            running: Semaphore::new(running),
            queue: Semaphore::new(running * waiting_per_runner.max(1)),
        }
    }

    /// Waits for a place, or refuses at once when too many already wait.
    pub async fn enter(&self) -> Result<Pass<'_>, Error> {
        let busy = || Error::Busy { retry_after: 1 };
        let queued = self.queue.try_acquire().map_err(|_| busy())?;
        let running = self.running.acquire().await.map_err(|_| busy())?;
        Ok(Pass {
            _queued: queued,
            _running: running,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn beyond_the_runners_and_their_queue_a_request_is_refused_until_one_leaves() {
        let gate = std::sync::Arc::new(Gate::new(1, 2));
        let first = gate.enter().await.unwrap();
        // The second waits for the first to leave.
        let second = tokio::spawn({
            let gate = gate.clone();
            async move { gate.enter().await.map(|_| ()) }
        });
        while gate.queue.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        // A third finds the queue full and is refused at once.
        assert!(matches!(
            gate.enter().await.err(),
            Some(Error::Busy { retry_after: 1 })
        ));
        drop(first);
        assert!(second.await.unwrap().is_ok());
        // Everyone gone: the gate lets the next in.
        assert!(gate.enter().await.is_ok());
    }
}
