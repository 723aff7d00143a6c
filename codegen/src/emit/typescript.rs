//! The typescript target (in progress).

use crate::OutputFile;
use crate::model::Model;

pub fn emit(_model: &Model) -> Vec<OutputFile> {
    Vec::new()
}
