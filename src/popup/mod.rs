//! Popup decision: which popup (voucher, service, newsletter) to show, or none.
