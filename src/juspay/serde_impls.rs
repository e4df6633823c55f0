//! Cargo feature `serde`: an [`OrderStatus`] is written with every field and read back by its
//! `status` name and `status_id`, which must name the same known status (or `UNKNOWN`): its
//! meaning and flags are this library's, never taken from the input.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::status::{OrderStatus, UNKNOWN};
use crate::error::cat;
use crate::prelude::*;

impl Serialize for OrderStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("OrderStatus", 6)?;
        s.serialize_field("status", self.status)?;
        s.serialize_field("status_id", &self.status_id)?;
        s.serialize_field("meaning", self.meaning)?;
        s.serialize_field("terminal", &self.terminal)?;
        s.serialize_field("success", &self.success)?;
        s.serialize_field("failed", &self.failed)?;
        s.end()
    }
}

#[derive(serde::Deserialize)]
struct Named {
    status: String,
    status_id: i64,
}

impl<'de> Deserialize<'de> for OrderStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OrderStatus, D::Error> {
        let named = Named::deserialize(deserializer)?;
        let known = if named.status == UNKNOWN.status { Some(&UNKNOWN) } else { OrderStatus::by_name(&named.status) };
        match known {
            Some(s) if s.status == named.status && s.status_id == named.status_id => Ok(*s),
            _ => Err(D::Error::custom(cat(&[
                "not a Juspay order status known to this library (status ",
                &named.status,
                ", status_id ",
                &named.status_id.to_string(),
                ")",
            ]))),
        }
    }
}
