//! The object store behind documents, chosen by configuration: a local folder (the embedded
//! default), any S3-compatible service, or memory (tests). Object keys are built here, from ids
//! only, never from a file name or anything a user typed.

use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{ClientOptions, ObjectStore, RetryConfig};
use uuid::Uuid;

use super::error::{FileError, FileOp};
use crate::config::{Settings, StorageKind};

/// Why the configured document store cannot be set up.
#[derive(Debug, thiserror::Error)]
pub enum StoreConfigError {
    /// The local documents folder cannot be created.
    #[error(transparent)]
    Folder(#[from] FileError),
    /// The local documents folder cannot be used as a store.
    #[error("local storage: {0}")]
    Local(#[source] object_store::Error),
    /// A setting S3 storage needs is not set.
    #[error("storage = \"s3\" needs {0}")]
    S3Missing(&'static str),
    /// A plain-HTTP S3 endpoint without `s3_allow_http`.
    #[error("s3_endpoint uses plain HTTP: set s3_allow_http = true to allow it")]
    S3PlainHttp,
    /// The S3 client refuses the settings.
    #[error("S3 storage: {0}")]
    S3(#[source] object_store::Error),
}

/// The store, shared by every request.
#[derive(Clone, Debug)]
pub struct DocumentStore {
    inner: Arc<dyn ObjectStore>,
}

impl DocumentStore {
    /// The store the configuration names.
    pub fn from_settings(settings: &Settings) -> Result<DocumentStore, StoreConfigError> {
        let inner: Arc<dyn ObjectStore> = match settings.storage {
            StorageKind::Local => {
                let folder = settings
                    .storage_path
                    .clone()
                    .unwrap_or_else(|| settings.data_dir.join("documents"));
                super::private::create_dir_all(&folder).map_err(FileOp::Create.on(&folder))?;
                Arc::new(
                    LocalFileSystem::new_with_prefix(&folder).map_err(StoreConfigError::Local)?,
                )
            }
            StorageKind::S3 => {
                let required = |value: &Option<String>, name: &'static str| {
                    value.clone().ok_or(StoreConfigError::S3Missing(name))
                };
                let endpoint = required(&settings.s3_endpoint, "s3_endpoint")?;
                if endpoint.starts_with("http://") && !settings.s3_allow_http {
                    return Err(StoreConfigError::S3PlainHttp);
                }
                let secret = settings
                    .s3_secret_access_key
                    .as_ref()
                    .ok_or(StoreConfigError::S3Missing("s3_secret_access_key"))?;
                let store = AmazonS3Builder::new()
                    .with_endpoint(endpoint)
                    .with_region(settings.s3_region.clone())
                    .with_bucket_name(required(&settings.s3_bucket, "s3_bucket")?)
                    .with_access_key_id(required(&settings.s3_access_key_id, "s3_access_key_id")?)
                    .with_secret_access_key(secret.expose())
                    .with_virtual_hosted_style_request(false)
                    // An unreachable store answers 503 within seconds rather than after the
                    // client's default minutes of retries.
                    // One set of client options: setting them replaces any set before.
                    .with_client_options(
                        ClientOptions::new()
                            .with_allow_http(settings.s3_allow_http)
                            .with_connect_timeout(std::time::Duration::from_secs(5))
                            .with_timeout(std::time::Duration::from_secs(120)),
                    )
                    .with_retry(RetryConfig {
                        max_retries: 3,
                        retry_timeout: std::time::Duration::from_secs(15),
                        ..RetryConfig::default()
                    })
                    .build()
                    .map_err(StoreConfigError::S3)?;
                Arc::new(store)
            }
            StorageKind::Memory => Arc::new(InMemory::new()),
        };
        let inner = match settings
            .storage_prefix
            .as_deref()
            .map(|p| p.trim_matches('/'))
        {
            Some(prefix) if !prefix.is_empty() => {
                Arc::new(PrefixStore::new(inner, prefix)) as Arc<dyn ObjectStore>
            }
            _ => inner,
        };
        Ok(DocumentStore { inner })
    }

    /// The underlying store.
    pub fn inner(&self) -> &Arc<dyn ObjectStore> {
        &self.inner
    }

    /// Where version `version` of document `document` of case `case` lives.
    pub fn key(case: Uuid, document: Uuid, version: i32) -> Path {
        Path::from(format!("cases/{case}/documents/{document}/v{version}"))
    }

    /// Whether the store answers.
    pub async fn ping(&self) -> Result<(), object_store::Error> {
        self.inner
            .list_with_delimiter(Some(&Path::from("cases")))
            .await
            .map(|_| ())
    }
}
