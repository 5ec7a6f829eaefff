//! Benchmarks of utskrivning: the workloads (fixtures), the hand-written baseline of the
//! care-request track, and the measurements shared by the criterion benches
//! (`benches/engine.rs`) and the binaries (`targets`, `memory`, `profile`).

pub mod baseline;
pub mod fixtures;
pub mod measure;
