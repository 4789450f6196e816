//! `registrations fault-proxy`: a proxy for tests that stands in front of the service and fails
//! a share of requests the ways networks do: a 500 without forwarding, a connection closed
//! without an answer, and (after forwarding, so the registration is stored) a 500, an answer
//! slower than the client's timeout, or a closed connection. Only for 127.0.0.1.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};

/// How the proxy fails.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct Faults {
    /// The share of registration requests that fail (0..1), spread evenly over the five ways.
    pub fail_rate: f64,
    /// How long a slow answer waits.
    pub slow_ms: u64,
}

/// Why a connection is closed without an answer.
#[derive(Debug)]
pub struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

struct Proxy {
    upstream: String,
    faults: Mutex<Faults>,
    counts: Mutex<BTreeMap<String, u64>>,
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
}

/// Runs the proxy on `listen` in front of `upstream` (`http://127.0.0.1:PORT`). `GET
/// /_proxy/stats` answers what it did; `POST /_proxy/faults` with a [`Faults`] JSON changes how
/// it fails.
pub async fn run(listen: SocketAddr, upstream: String, faults: Faults) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    eprintln!("fault proxy on http://{} -> {upstream} ({faults:?})", listener.local_addr()?);
    let proxy = Arc::new(Proxy {
        upstream: upstream.trim_end_matches('/').to_owned(),
        faults: Mutex::new(faults),
        counts: Mutex::default(),
        client: Client::builder(TokioExecutor::new()).build_http(),
    });
    loop {
        let (stream, _) = listener.accept().await?;
        let proxy = proxy.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let proxy = proxy.clone();
                async move { proxy.handle(req).await }
            });
            // An error here is a connection dropped on purpose (or by the client).
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

impl Proxy {
    fn count(&self, what: &str) {
        *self.counts.lock().unwrap_or_else(|p| p.into_inner()).entry(what.to_owned()).or_default() += 1;
    }

    async fn handle(&self, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Dropped> {
        let path = req.uri().path().to_owned();
        if path == "/_proxy/stats" {
            let counts = self.counts.lock().unwrap_or_else(|p| p.into_inner()).clone();
            return Ok(plain(StatusCode::OK, serde_json::to_string(&counts).unwrap_or_default(), None));
        }
        let origin = req.headers().get("origin").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let (parts, body) = req.into_parts();
        let body = body.collect().await.map_err(|_| Dropped)?.to_bytes();
        if path == "/_proxy/faults" {
            let faults: Faults = serde_json::from_slice(&body).map_err(|_| Dropped)?;
            *self.faults.lock().unwrap_or_else(|p| p.into_inner()) = faults;
            return Ok(plain(StatusCode::NO_CONTENT, String::new(), None));
        }
        let faults = self.faults.lock().unwrap_or_else(|p| p.into_inner()).clone();
        // Preflights and health checks pass; registrations may fail.
        let fault = if parts.method == hyper::Method::POST && fastrand::f64() < faults.fail_rate { Some(fastrand::u8(0..5)) } else { None };
        match fault {
            Some(0) => {
                self.count("500");
                return Ok(plain(StatusCode::INTERNAL_SERVER_ERROR, "injected failure".into(), origin.as_deref()));
            }
            Some(1) => {
                self.count("close");
                return Err(Dropped);
            }
            _ => {}
        }
        let mut forward = Request::builder().method(parts.method.clone()).uri(format!("{}{}", self.upstream, parts.uri.path_and_query().map_or("/", |p| p.as_str())));
        for (name, value) in &parts.headers {
            if name != hyper::header::HOST {
                forward = forward.header(name, value);
            }
        }
        let forward = forward.body(Full::new(body)).map_err(|_| Dropped)?;
        let answer = match self.client.request(forward).await {
            Ok(a) => a,
            Err(_) => {
                self.count("upstream unreachable");
                return Ok(plain(StatusCode::BAD_GATEWAY, "upstream unreachable".into(), origin.as_deref()));
            }
        };
        let (aparts, abody) = answer.into_parts();
        let abody = abody.collect().await.map_err(|_| Dropped)?.to_bytes();
        match fault {
            Some(2) => {
                self.count("stored+500");
                Ok(plain(StatusCode::INTERNAL_SERVER_ERROR, "injected failure after storing".into(), origin.as_deref()))
            }
            Some(3) => {
                self.count("stored+close");
                Err(Dropped)
            }
            Some(_) => {
                self.count("stored+slow");
                tokio::time::sleep(Duration::from_millis(faults.slow_ms)).await;
                Ok(Response::from_parts(aparts, Full::new(abody)))
            }
            None => {
                self.count(aparts.status.as_str());
                Ok(Response::from_parts(aparts, Full::new(abody)))
            }
        }
    }
}

fn plain(status: StatusCode, text: String, origin: Option<&str>) -> Response<Full<Bytes>> {
    let mut r = Response::builder().status(status).header("content-type", "text/plain; charset=utf-8");
    if let Some(origin) = origin {
        r = r.header("access-control-allow-origin", origin);
    }
    r.body(Full::new(Bytes::from(text))).unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}
