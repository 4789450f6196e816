//! A per-client rate limit: a token bucket per address holding a minute's requests, refilled
//! continuously. Past it, 429 with `Retry-After` (the form waits that long, then retries).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Buckets kept at most; full ones are forgotten first.
const MAX_CLIENTS: usize = 100_000;

/// The limiter, shared by every request.
#[derive(Clone)]
pub struct RateLimit {
    per_minute: u32,
    trusted: Arc<Vec<IpAddr>>,
    buckets: Arc<Mutex<HashMap<IpAddr, Bucket>>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimit {
    /// `per_minute` requests per client per minute (0: no limit); `trusted` proxies'
    /// `X-Forwarded-For` names the client.
    pub fn new(per_minute: u32, trusted: Vec<IpAddr>) -> Self {
        RateLimit { per_minute, trusted: Arc::new(trusted), buckets: Arc::default() }
    }

    /// Takes one request for `client` at `now`: `Ok` or `Err(seconds to wait)`.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * per_second < capacity);
        }
        let b = buckets.entry(client).or_insert(Bucket { tokens: capacity, at: now });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * per_second).min(capacity);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / per_second).ceil().max(1.0) as u64)
        }
    }

    /// The client a request counts for.
    pub fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        client_address(peer, headers, &self.trusted)
    }
}

/// The middleware in front of the registration routes.
pub async fn middleware(State(limit): State<RateLimit>, request: Request, next: Next) -> Response {
    let peer = peer(request.extensions().get::<ConnectInfo<SocketAddr>>().cloned());
    let client = limit.client(peer, request.headers());
    match limit.take(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            tracing::info!(outcome = "rate limited", retry_after = wait, "registration");
            ApiError::RateLimited(wait).into_response()
        }
    }
}

/// The client's address: the peer, or the address a trusted proxy forwarded (the right-most
/// `X-Forwarded-For` entry that is not itself a trusted proxy).
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer_ip = peer.ip();
    if !trusted.contains(&peer_ip) {
        return peer_ip;
    }
    let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).map(str::trim).collect::<Vec<_>>();
    forwarded.iter().rev().filter_map(|s| s.parse::<IpAddr>().ok()).find(|ip| !trusted.contains(ip)).unwrap_or(peer_ip)
}

/// The peer address of a request (tests without a socket use 127.0.0.1).
pub fn peer(connect: Option<ConnectInfo<SocketAddr>>) -> SocketAddr {
    connect.map_or(SocketAddr::from(([127, 0, 0, 1], 0)), |c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_minute_of_requests_then_one_per_refill() {
        let limit = RateLimit::new(60, vec![]);
        let t = Instant::now();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..60 {
            assert_eq!(limit.take(ip, t), Ok(()));
        }
        assert_eq!(limit.take(ip, t), Err(1));
        // Another client is not affected.
        assert_eq!(limit.take("192.0.2.2".parse().unwrap(), t), Ok(()));
        assert_eq!(limit.take(ip, t + Duration::from_millis(1000)), Ok(()));
        assert_eq!(limit.take(ip, t + Duration::from_millis(1000)), Err(1));
        let off = RateLimit::new(0, vec![]);
        for _ in 0..10_000 {
            assert_eq!(off.take(ip, t), Ok(()));
        }
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.9, 198.51.100.7".parse().unwrap());
        let limit = RateLimit::new(1, vec![proxy]);
        assert_eq!(limit.client(SocketAddr::new(proxy, 1), &headers), "198.51.100.7".parse::<IpAddr>().unwrap());
        // Anyone else's header is not believed.
        let other: IpAddr = "192.0.2.5".parse().unwrap();
        assert_eq!(limit.client(SocketAddr::new(other, 1), &headers), other);
        assert_eq!(limit.client(SocketAddr::new(proxy, 1), &axum::http::HeaderMap::new()), proxy);
    }
}
