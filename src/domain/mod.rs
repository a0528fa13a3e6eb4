//! Pure types and rules of the front office, without I/O.

pub mod account;
pub mod calendar;
pub mod code;
pub mod dates;
pub mod day_hours;
pub mod gesprekshulp;
pub mod hours;
pub mod household_query;
pub mod intake;
pub mod kaart;
pub mod kaart_edit;
pub mod laag;
pub mod leefgebied;
pub mod plan;
pub mod policy;
pub mod postcodes;
pub mod queue;
pub mod reference;
pub mod regie;
pub mod retention;
pub mod routing;
pub mod validation;
pub mod workdays;

pub use code::Code;
pub use kaart::{
    Address, HoursException, Kaart, Location, Organization, Phone, Service, ServicePlaces,
    ServiceStatus, WeeklyHours,
};
pub use kaart_edit::{FieldChange, FieldProblem};
pub use laag::Laag;
pub use leefgebied::{Leefgebied, Leefgebieden};
pub use reference::{ReferenceData, ReferenceError};
