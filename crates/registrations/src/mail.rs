//! Confirmation emails (optional): sent after the registration is committed, from a queue of
//! their own, retried on failure; the answer to the form never waits for them.
//!
//! Settings come from the environment: `REGISTRATIONS_SMTP_HOST` (turns it on),
//! `REGISTRATIONS_SMTP_PORT`, `REGISTRATIONS_SMTP_TLS` (`starttls`, the default; `tls`; or `none`
//! for a relay on this machine), `REGISTRATIONS_SMTP_USER`, `REGISTRATIONS_SMTP_PASSWORD`,
//! `REGISTRATIONS_SMTP_FROM` (`Istio events <events@example.org>`).

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::mpsc;

use crate::store::{now_ms, Store};

/// SMTP settings.
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    /// The server.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// `starttls`, `tls` or `none`.
    pub tls: String,
    /// Login, if any.
    pub credentials: Option<(String, String)>,
    /// The sender.
    pub from: String,
    /// Attempts per email.
    pub attempts: u32,
    /// The wait after the first failure (doubling).
    pub first_retry: Duration,
}

/// Why the SMTP settings cannot be used.
#[derive(Debug)]
pub struct MailError(pub String);

impl std::fmt::Display for MailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "confirmation email: {}", self.0)
    }
}

impl std::error::Error for MailError {}

impl SmtpSettings {
    /// The settings from the environment; `None` when `REGISTRATIONS_SMTP_HOST` is not set.
    pub fn from_env() -> Result<Option<SmtpSettings>, MailError> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let Some(host) = var("REGISTRATIONS_SMTP_HOST") else { return Ok(None) };
        let tls = var("REGISTRATIONS_SMTP_TLS").unwrap_or_else(|| "starttls".into());
        let default_port = match tls.as_str() {
            "tls" => 465,
            "starttls" => 587,
            "none" => 25,
            other => return Err(MailError(format!("REGISTRATIONS_SMTP_TLS is `{other}`, not starttls, tls or none"))),
        };
        let port = match var("REGISTRATIONS_SMTP_PORT") {
            Some(p) => p.parse().map_err(|_| MailError(format!("REGISTRATIONS_SMTP_PORT `{p}` is not a port")))?,
            None => default_port,
        };
        let from = var("REGISTRATIONS_SMTP_FROM").ok_or_else(|| MailError("REGISTRATIONS_SMTP_FROM is not set".into()))?;
        from.parse::<Mailbox>().map_err(|e| MailError(format!("REGISTRATIONS_SMTP_FROM: {e}")))?;
        let credentials = var("REGISTRATIONS_SMTP_USER").map(|u| (u, var("REGISTRATIONS_SMTP_PASSWORD").unwrap_or_default()));
        Ok(Some(SmtpSettings { host, port, tls, credentials, from, attempts: 6, first_retry: Duration::from_secs(5) }))
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
        let builder = match self.tls.as_str() {
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&self.host).map_err(|e| MailError(e.to_string()))?,
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.host).map_err(|e| MailError(e.to_string()))?,
            _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host),
        };
        let builder = builder.port(self.port).timeout(Some(Duration::from_secs(20)));
        let builder = match &self.credentials {
            Some((u, p)) => builder.credentials(Credentials::new(u.clone(), p.clone())),
            None => builder,
        };
        Ok(builder.build())
    }
}

/// One confirmation to send.
#[derive(Clone, Debug)]
pub struct Confirmation {
    /// The registration's key (to note it was sent).
    pub key: String,
    /// The visitor's address.
    pub to: String,
    /// Their name, if given.
    pub name: Option<String>,
    /// The event's name.
    pub event: String,
    /// The reference.
    pub reference: String,
    /// On the waiting list.
    pub waiting_list: bool,
    /// The event's calendar.
    pub ics: String,
}

impl Confirmation {
    /// The email.
    pub fn message(&self, from: &str) -> Result<Message, MailError> {
        let to: Mailbox = match &self.name {
            Some(name) => format!("{} <{}>", name.replace(['"', '<', '>', '\\'], ""), self.to).parse(),
            None => self.to.parse(),
        }
        .or_else(|_| self.to.parse())
        .map_err(|e| MailError(format!("the address is not usable: {e}")))?;
        let greeting = self.name.as_deref().map_or_else(|| "Hello,".to_owned(), |n| format!("Hello {n},"));
        let status = if self.waiting_list {
            format!("you are on the waiting list for {}: every place is taken, and we will write if one becomes free.", self.event)
        } else {
            format!("you are registered for {}.", self.event)
        };
        let text = format!("{greeting}\n\n{status}\n\nYour reference: {}\n\nThe event's dates are in the attached calendar file.\n", self.reference);
        let subject = if self.waiting_list { format!("Waiting list: {} ({})", self.event, self.reference) } else { format!("Registered: {} ({})", self.event, self.reference) };
        let calendar = ContentType::parse("text/calendar; charset=utf-8").map_err(|e| MailError(e.to_string()))?;
        Message::builder()
            .from(from.parse().map_err(|e| MailError(format!("{e}")))?)
            .to(to)
            .subject(subject)
            .multipart(MultiPart::mixed().singlepart(SinglePart::plain(text)).singlepart(Attachment::new("event.ics".to_owned()).body(self.ics.clone(), calendar)))
            .map_err(|e| MailError(e.to_string()))
    }
}

/// The queue of confirmations; its task sends them.
#[derive(Clone)]
pub struct Mailer {
    queue: mpsc::UnboundedSender<Confirmation>,
}

impl Mailer {
    /// Starts the sending task.
    pub fn start(settings: SmtpSettings, store: Store) -> Result<(Mailer, tokio::task::JoinHandle<()>), MailError> {
        let transport = settings.transport()?;
        let (queue, mut rx) = mpsc::unbounded_channel::<Confirmation>();
        let handle = tokio::spawn(async move {
            while let Some(c) = rx.recv().await {
                let transport = transport.clone();
                let settings = settings.clone();
                let store = store.clone();
                // Each email on its own task, so one slow retry does not hold the others.
                tokio::spawn(async move { send_with_retries(&transport, &settings, &store, c).await });
            }
        });
        Ok((Mailer { queue }, handle))
    }

    /// Queues a confirmation; never waits.
    pub fn queue(&self, c: Confirmation) {
        let _ = self.queue.send(c);
    }
}

async fn send_with_retries(transport: &AsyncSmtpTransport<Tokio1Executor>, settings: &SmtpSettings, store: &Store, c: Confirmation) {
    let message = match c.message(&settings.from) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(reference = c.reference, error = %e, "confirmation not sent");
            return;
        }
    };
    let mut wait = settings.first_retry;
    for attempt in 1..=settings.attempts {
        match transport.send(message.clone()).await {
            Ok(_) => {
                store.mailed(&c.key, now_ms());
                tracing::info!(reference = c.reference, attempt, "confirmation sent");
                return;
            }
            Err(e) => {
                // Not the error's text: an SMTP server's refusal may quote the address.
                tracing::warn!(reference = c.reference, attempt, permanent = e.is_permanent(), timeout = e.is_timeout(), "confirmation not sent yet");
                if attempt < settings.attempts {
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(600));
                }
            }
        }
    }
    tracing::error!(reference = c.reference, "confirmation not sent: gave up");
}
