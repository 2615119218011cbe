//! nginx (Debian's package) in front of `puente serve` processes on loopback, as a deployment
//! puts it: round robin over the upstreams, `X-Forwarded-For` set, bodies streamed through, a
//! request whose upstream refused the connection tried on the next one.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An nginx master process with its configuration and temporary files in a folder of its own,
/// stopped when dropped.
pub struct Nginx {
    child: Child,
    /// Its base URL (`http://127.0.0.1:port`).
    pub url: String,
    dir: PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free loopback port")
}

/// The configuration proxying `127.0.0.1:port` to `upstreams` (`http://host:port` each).
fn configuration(dir: &std::path::Path, port: u16, upstreams: &[String]) -> String {
    let servers: String = upstreams
        .iter()
        .map(|url| {
            format!(
                "    server {} max_fails=0;\n",
                url.trim_start_matches("http://")
            )
        })
        .collect();
    let dir = dir.display();
    format!(
        "daemon off;\n\
         worker_processes 1;\n\
         pid {dir}/nginx.pid;\n\
         error_log {dir}/error.log warn;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n\
           access_log off;\n\
           client_body_temp_path {dir}/body;\n\
           proxy_temp_path {dir}/proxy;\n\
           fastcgi_temp_path {dir}/fastcgi;\n\
           uwsgi_temp_path {dir}/uwsgi;\n\
           scgi_temp_path {dir}/scgi;\n\
           upstream puente {{\n{servers}    keepalive 16;\n  }}\n\
           server {{\n\
             listen 127.0.0.1:{port};\n\
             client_max_body_size 64m;\n\
             location / {{\n\
               proxy_pass http://puente;\n\
               proxy_http_version 1.1;\n\
               proxy_set_header Connection \"\";\n\
               proxy_set_header Host $host;\n\
               proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
               proxy_set_header X-Forwarded-Proto $scheme;\n\
               proxy_request_buffering off;\n\
               proxy_buffering off;\n\
               proxy_next_upstream error timeout http_502 http_503;\n\
               proxy_next_upstream_tries 3;\n\
             }}\n\
           }}\n\
         }}\n"
    )
}

impl Nginx {
    /// Starts nginx (`PUENTE_TEST_NGINX`, else `nginx`, else `/usr/sbin/nginx`) in front of
    /// `upstreams`, once it listens.
    pub fn start(upstreams: &[String]) -> Nginx {
        let dir = tempfile::tempdir().expect("a folder").keep();
        // Workers may run as another user when the tests run as root: let them write here.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).ok();
        }
        let port = free_port();
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, configuration(&dir, port, upstreams)).expect("nginx.conf written");
        let program = std::env::var("PUENTE_TEST_NGINX").unwrap_or_else(|_| {
            if Command::new("nginx").arg("-v").output().is_ok() {
                "nginx".to_owned()
            } else {
                "/usr/sbin/nginx".to_owned()
            }
        });
        let child = Command::new(&program)
            .arg("-e")
            .arg(dir.join("error.log"))
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{program}: {e} (install Debian's nginx)"));
        let nginx = Nginx {
            child,
            url: format!("http://127.0.0.1:{port}"),
            dir,
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not start: {}",
                nginx.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        nginx
    }

    /// What nginx logged (warnings and errors).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers too (SIGKILL would leave them listening).
        let stopped = Command::new("kill")
            .arg(self.child.id().to_string())
            .status()
            .is_ok_and(|status| status.success());
        if !stopped {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
