//! Where the visitor's popup state may be kept: the operator's `storage`
//! and `consent` settings and the visitor's consent decide it.

/// The operator's `storage` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Storage {
    /// `localStorage`: caps and history last across sessions (default).
    #[default]
    Local,
    /// `sessionStorage`: forgotten when the tab closes.
    Session,
    /// Memory only: forgotten on the next page.
    None,
}

/// The operator's `consent` setting. The default is lawful in Germany
/// (TTDSG § 25, GDPR): nothing is stored before the visitor agreed.
///
/// ```
/// use stammkunde::popup::storage::Consent;
/// assert_eq!(Consent::default(), Consent::Required);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Consent {
    /// The shop already has consent (or needs none): store right away.
    Granted,
    /// Store nothing until the page calls `Stammkunde.consent(true)`
    /// (default; consent managers answer through the same call).
    #[default]
    Required,
}

/// Where the state actually goes (numbered as the storefront binding
/// answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `localStorage`.
    Local = 0,
    /// `sessionStorage`.
    Session = 1,
    /// Memory only, nothing written.
    Memory = 2,
}

impl Storage {
    /// Parses `local`, `session` or `none`.
    ///
    /// ```
    /// use stammkunde::popup::storage::Storage;
    /// assert_eq!(Storage::from_name("session"), Some(Storage::Session));
    /// assert_eq!(Storage::from_name("cookie"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Storage> {
        match name {
            "local" => Some(Storage::Local),
            "session" => Some(Storage::Session),
            "none" => Some(Storage::None),
            _ => None,
        }
    }
}

impl Consent {
    /// Parses `granted` or `required`.
    ///
    /// ```
    /// use stammkunde::popup::storage::Consent;
    /// assert_eq!(Consent::from_name("required"), Some(Consent::Required));
    /// ```
    pub fn from_name(name: &str) -> Option<Consent> {
        match name {
            "granted" => Some(Consent::Granted),
            "required" => Some(Consent::Required),
            _ => None,
        }
    }
}

impl Backend {
    /// `local`, `session` or `memory`.
    ///
    /// ```
    /// assert_eq!(stammkunde::popup::storage::Backend::Memory.name(), "memory");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Backend::Local => "local",
            Backend::Session => "session",
            Backend::Memory => "memory",
        }
    }
}

/// Where to keep the state. `visitor_consent` is the visitor's answer:
/// `None` before they answered, `Some(true)` after `Stammkunde.consent(true)`,
/// `Some(false)` after `Stammkunde.consent(false)`. A refusal always means
/// memory only, even when the operator's setting is `granted`.
///
/// ```
/// use stammkunde::popup::storage::{backend, Backend, Consent, Storage};
/// assert_eq!(backend(Storage::Local, Consent::Granted, None), Backend::Local);
/// assert_eq!(backend(Storage::Local, Consent::Required, None), Backend::Memory);
/// assert_eq!(backend(Storage::Session, Consent::Required, Some(true)), Backend::Session);
/// assert_eq!(backend(Storage::Local, Consent::Granted, Some(false)), Backend::Memory);
/// assert_eq!(backend(Storage::None, Consent::Granted, Some(true)), Backend::Memory);
/// ```
pub fn backend(storage: Storage, consent: Consent, visitor_consent: Option<bool>) -> Backend {
    let allowed = match (consent, visitor_consent) {
        (_, Some(answer)) => answer,
        (Consent::Granted, None) => true,
        (Consent::Required, None) => false,
    };
    match storage {
        _ if !allowed => Backend::Memory,
        Storage::Local => Backend::Local,
        Storage::Session => Backend::Session,
        Storage::None => Backend::Memory,
    }
}
