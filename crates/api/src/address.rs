//! The client's address: the peer of the connection, or, when the peer is one of the
//! `trusted_proxies`, the address that proxy forwarded (`Forwarded: for=…` or
//! `X-Forwarded-For`). Throttles and logs count clients by it, so it must not be forgeable: a
//! forwarding header is read from right to left, skipping only trusted proxies, and ignored
//! altogether when the peer is not one of them.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;

use crate::state::AppState;

/// The client's address of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

fn trusted(address: IpAddr, proxies: &[IpNet]) -> bool {
    proxies.iter().any(|net| net.contains(&address))
}

/// One `for=` node of `Forwarded` or one entry of `X-Forwarded-For`: an address, perhaps
/// quoted, bracketed (IPv6) or with a port.
fn node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    let inner = text.strip_prefix('[')?.split(']').next()?;
    inner.parse().ok()
}

/// The forwarded chain, nearest hop last; `None` for an entry that is not an address.
fn chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<Option<IpAddr>> = headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|line| line.split(','))
        .map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim().eq_ignore_ascii_case("for").then(|| node(value))
            })
        })
        .map(Option::flatten)
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|line| line.split(','))
        .map(node)
        .collect()
}

/// The client's address for a connection from `peer` carrying `headers`.
pub fn client(peer: IpAddr, headers: &HeaderMap, proxies: &[IpNet]) -> IpAddr {
    if !trusted(peer, proxies) {
        return peer;
    }
    let mut nearest = peer;
    for hop in chain(headers).into_iter().rev() {
        match hop {
            Some(address) if trusted(address, proxies) => nearest = address,
            Some(address) => return address,
            // A trusted proxy wrote something that is not an address: the last hop known.
            None => return nearest,
        }
    }
    nearest
}

impl<S> FromRequestParts<S> for ClientAddress
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([127, 0, 0, 1]), |info| info.0.ip());
        Ok(ClientAddress(client(
            peer,
            &parts.headers,
            &state.settings.trusted_proxies,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_proxy() {
        let proxies: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let forged = headers(&[("x-forwarded-for", "203.0.113.9")]);
        // A client that is not a proxy cannot choose its address.
        assert_eq!(
            client(ip("198.51.100.7"), &forged, &proxies),
            ip("198.51.100.7")
        );
        // The proxy's word is taken; what the client put before it is not.
        let through = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.2")]);
        assert_eq!(
            client(ip("10.0.0.1"), &through, &proxies),
            ip("203.0.113.9")
        );
        let standard = headers(&[(
            "forwarded",
            "for=1.1.1.1, for=\"[2001:db8::17]:4711\";proto=https",
        )]);
        assert_eq!(
            client(ip("10.0.0.1"), &standard, &proxies),
            ip("2001:db8::17")
        );
        let garbage = headers(&[("x-forwarded-for", "not-an-address")]);
        assert_eq!(client(ip("10.0.0.1"), &garbage, &proxies), ip("10.0.0.1"));
        assert_eq!(
            client(ip("10.0.0.1"), &HeaderMap::new(), &[]),
            ip("10.0.0.1")
        );
    }
}
